"""进料加工核销 (SPEC JL-01…JL-10): 计划分配率备案及变更, 加贸反馈, 免抵退核销申报 and the
已核销手（账）册海关数据调整表, declared on the family engine (rebate.declarations).

The family provides two things to lower layers through their hooks (it is never imported by
them): the 计划分配率 in force on a date (rebate.customs.sources) and the confirmed write-off
adjustments of a 所属期 for 汇总表 rows 8 and 14 (rebate.customs.sources as well).
"""

KEY = "processing"  # the family key and the app label (namespace of its pages)
FILING, CHANGE, WRITEOFF = "A0307001", "A0308001", "A0306001"  # DOMAIN §5.3 [verified: TAX-SYS]
