from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "rebate.documents"
    label = "documents"
    verbose_name = "随附单据"
