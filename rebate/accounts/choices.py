from django.db import models


class Role(models.TextChoices):
    ADMIN = "admin", "管理员"
    CLERK = "clerk", "退税专员"
    VIEWER = "viewer", "查看"


class ManagementCategory(models.TextChoices):
    CLASS_1 = "1", "一类"
    CLASS_2 = "2", "二类"
    CLASS_3 = "3", "三类"
    CLASS_4 = "4", "四类"


class RefundMethod(models.TextChoices):
    EXEMPT_CREDIT_REFUND = "1", "免抵退"
    EXEMPT_REFUND = "2", "免退"


class SignInMethod(models.TextChoices):
    PASSWORD = "password", "密码"
    CARD = "card", "卡介质"
