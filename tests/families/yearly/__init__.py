"""测试年度申报 (T0401001, short name ``tndsb``): a test-only family declared by 申报年 with one
form, self-checked at the bureau (数据自检 → 疑点 → 撤销 → 正式申报 → 审核结果下载)."""

KEY = "testyearly"
BUSINESS = "T0401001"
