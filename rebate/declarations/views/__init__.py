"""Pages of 数据申报, 反馈处理 and 数据查询 (thin: a form, one service, a redirect)."""
