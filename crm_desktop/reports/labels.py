"""The words of charts and report tables in English and Simplified Chinese.

Figures are built below the UI (no Qt, so no ``tr()``): their titles, axis labels, class and
segment names come from here, in the language the caller names."""

from __future__ import annotations

from crm_desktop.domain.reports import Segment

LANGUAGES = ("en", "zh_CN")

_ZH: dict[str, str] = {
    "Revenue": "销售额",
    "Last year": "去年同期",
    "Gross profit": "毛利",
    "Cost": "成本",
    "Margin": "毛利率",
    "Orders": "订单数",
    "Received": "回款",
    "Lines without cost": "无成本明细",
    "Revenue without cost": "无成本销售额",
    "Period": "期间",
    "Currency": "币种",
    "Customer": "客户",
    "Customers": "客户数",
    "{n} customers": "{n}个客户",
    "Class": "类别",
    "Share": "占比",
    "Cumulative share": "累计占比",
    "Cut-off": "分界线",
    "Profit": "毛利",
    "Payments": "回款",
    "ABC analysis by {basis}": "按{basis}的ABC分析",
    "Sales by {grain} against last year": "按{grain}销售额与去年同期对比",
    "revenue": "销售额",
    "profit": "毛利",
    "payments": "回款",
    "month": "月",
    "quarter": "季度",
    "year": "年",
    "owner": "销售员",
    "region": "地区",
    "industry": "行业",
    "customer": "客户",
    "grade": "等级",
    "product": "产品",
    "category": "产品类别",
    "Revenue and gross profit by {by}": "按{by}的销售额与毛利",
    "RFM segments": "RFM客户分群",
    "Receivables ageing": "应收账款账龄",
    "Open balance": "未收余额",
    "Days past due": "逾期天数",
    "not due": "未到期",
    "Pipeline funnel": "销售漏斗",
    "Deals": "商机数",
    "Amount": "金额",
    "Stage": "阶段",
    "Recency (days)": "最近购买(天)",
    "Frequency": "购买频次",
    "Monetary": "购买金额",
    "Segment": "分群",
    "No sales": "无销售",
    "Days to pay": "回款天数",
    "Days late": "逾期天数",
    "others": "其他",
    "No data in this period": "此期间无数据",
    "(none)": "(无)",
    "champions": "重要价值客户",
    "loyal": "忠诚客户",
    "potential": "潜力客户",
    "at risk": "流失风险客户",
    "can't lose": "不能失去的客户",
    "hibernating": "沉睡客户",
    "lost": "已流失客户",
}


def text(key: str, lang: str, **values: str) -> str:
    """``key`` in ``lang`` (English is the key itself), with ``{name}`` filled from values
    (themselves translated)."""
    zh = lang == "zh_CN"
    pattern = _ZH.get(key, key) if zh else key
    filled = {k: (_ZH.get(v, v) if zh else v) for k, v in values.items()}
    return pattern.format(**filled) if filled else pattern


def segment_name(segment: Segment, lang: str) -> str:
    return text(segment.value, lang)
