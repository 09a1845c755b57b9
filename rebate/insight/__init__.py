"""What the clerk wishes the official tools explained: the doubt explainer and the what-if
before 生成汇总数据 (issue 23). Reads only; nothing here writes a row."""
