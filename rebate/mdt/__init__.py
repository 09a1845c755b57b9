"""免抵退税申报 (A0305001, file short name ``scsb``): the 免、抵、退 family on the lifecycle engine.

The app is named after the 免抵退 (mian-di-tui, exempt-credit-refund) method it declares: the
family's registration (family.py), the 19-row 《免抵退税申报汇总表》 (models, services,
summary_step), the 明细表 totals, its local checks, its package writer and paper forms. The engine
(rebate.declarations) names none of this; it calls the hooks the registration fills.
"""

KEY = "mdt"  # the family key its batches, checks and summaries are filed under
