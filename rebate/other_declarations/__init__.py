"""其他申报 (SPEC QT-01…QT-18): 收汇情况, 信息情况, 周边业务 and the 管理类别评定 reports, one
family of the lifecycle engine with one business per form (two reports share one)."""

KEY = "other_declarations"

PROCEEDS = "A0404001"  # （未认定）收汇申报表 cksh
INFO_QUERY = "A0401001"  # 出口退税电子信息查询申报 xxcx
NO_INFO = "A0402001"  # 无相关电子信息备案 (short name: project decision, wdzxx)
SELF_USE = "A0304001"  # 购进自用货物免退税申报 zyhw
USED_EQUIPMENT = "A0303001"  # 出口已使用(旧)设备免退税申报 ygsb
NON_OWN = "A0302001"  # 出口非自产货物退消费税申报 txfs
# [project decision] DOMAIN §6.1/FORMS §1: A0503001 aqypd (一类企业评定, 管理类别评定资料申报)
# carries both reports; A0503002 flglpd (分类管理复评申请) is not built.
RATING = "A0503001"
