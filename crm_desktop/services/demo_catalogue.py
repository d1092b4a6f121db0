"""What the demo's invented distributor sells, in Chinese and in English: per category a code
prefix and items of (name, unit, unit price, least and most per order line)."""

from __future__ import annotations

# Gross margin of each category (by code prefix, the same in both languages): machines and
# office equipment sell on thin margins, software and consumables on fat ones. The demo's
# costs are the price less this margin; a product without cost (one in ten) stays unknown.
MARGINS: dict[str, str] = {
    "ZD": "0.32", "AU": "0.32", "JC": "0.14", "MT": "0.14", "DZ": "0.38", "EL": "0.38",
    "AF": "0.30", "SE": "0.30", "BG": "0.12", "OF": "0.12", "HC": "0.45", "CS": "0.45",
    "RJ": "0.65", "SW": "0.65", "BZ": "0.22", "PK": "0.22",
}  # fmt: skip
UNKNOWN_COST_EVERY = 10  # every tenth product of the catalogue has no cost price

# (code prefix, category, items): what a small industrial distributor sells.
ZH_CATALOGUE: tuple[tuple[str, str, tuple[tuple[str, str, str, int, int], ...]], ...] = (
    ("ZD", "工业自动化", (
        ("PLC控制器", "台", "3800", 1, 10), ("伺服电机", "台", "2600", 1, 20),
        ("变频器", "台", "1850", 1, 20), ("触摸屏", "台", "1200", 1, 10),
        ("光电传感器", "个", "180", 10, 200), ("继电器模块", "个", "45", 20, 500),
    )),
    ("JC", "机床设备", (
        ("数控车床", "台", "168000", 1, 2), ("立式加工中心", "台", "298000", 1, 2),
        ("台式钻床", "台", "4200", 1, 5), ("螺杆空压机", "台", "12500", 1, 3),
    )),
    ("DZ", "电子元器件", (
        ("贴片电容", "卷", "85", 5, 100), ("开关电源模块", "个", "160", 10, 300),
        ("工业连接器", "个", "3.50", 100, 5000), ("线束组件", "套", "68", 10, 200),
    )),
    ("AF", "安防监控", (
        ("网络摄像机", "台", "560", 4, 64), ("硬盘录像机", "台", "2100", 1, 4),
        ("门禁一体机", "台", "980", 1, 10), ("监控系统安装调试", "项", "5000", 1, 1),
    )),
    ("BG", "办公设备", (
        ("激光打印机", "台", "2380", 1, 5), ("商务投影仪", "台", "4600", 1, 3),
        ("碎纸机", "台", "890", 1, 3),
    )),
    ("HC", "耗材配件", (
        ("A4复印纸", "箱", "145", 5, 100), ("硒鼓", "个", "420", 2, 30),
        ("工业润滑油", "桶", "380", 1, 20), ("数控切削刀片", "盒", "260", 2, 40),
        ("劳保手套", "打", "36", 10, 200),
    )),
    ("RJ", "软件服务", (
        ("ERP软件授权", "套", "28000", 1, 3), ("年度维保服务", "年", "12000", 1, 1),
        ("现场技术培训", "天", "3000", 1, 5), ("MES系统实施", "项", "150000", 1, 1),
    )),
    ("BZ", "包装物流", (
        ("塑料托盘", "个", "120", 10, 200), ("缠绕膜", "卷", "48.50", 10, 200),
        ("五层瓦楞纸箱", "个", "4.80", 200, 5000),
    )),
)  # fmt: skip
EN_CATALOGUE: tuple[tuple[str, str, tuple[tuple[str, str, str, int, int], ...]], ...] = (
    ("AU", "Automation", (
        ("PLC controller", "pcs", "549.00", 1, 10), ("Servo motor", "pcs", "379.00", 1, 20),
        ("Frequency inverter", "pcs", "265.00", 1, 20), ("HMI touch panel", "pcs", "175.00", 1, 10),
        ("Photoelectric sensor", "pcs", "25.90", 10, 200), ("Relay module", "pcs", "6.50", 20, 500),
    )),
    ("MT", "Machine tools", (
        ("CNC lathe", "unit", "23900.00", 1, 2), ("Vertical machining center", "unit", "42500.00", 1, 2),
        ("Bench drill press", "unit", "599.00", 1, 5), ("Screw air compressor", "unit", "1790.00", 1, 3),
    )),
    ("EL", "Electronic components", (
        ("SMD capacitor reel", "reel", "12.20", 5, 100), ("Power supply module", "pcs", "22.90", 10, 300),
        ("Industrial connector", "pcs", "0.49", 100, 5000), ("Cable harness", "set", "9.75", 10, 200),
    )),
    ("SE", "Security", (
        ("IP camera", "pcs", "79.99", 4, 64), ("Network video recorder", "pcs", "299.00", 1, 4),
        ("Access control terminal", "pcs", "139.00", 1, 10), ("CCTV installation", "job", "720.00", 1, 1),
    )),
    ("OF", "Office equipment", (
        ("Laser printer", "pcs", "339.00", 1, 5), ("Business projector", "pcs", "659.00", 1, 3),
        ("Paper shredder", "pcs", "127.00", 1, 3),
    )),
    ("CS", "Consumables", (
        ("Copy paper A4", "box", "20.50", 5, 100), ("Toner cartridge", "pcs", "59.90", 2, 30),
        ("Industrial lubricant", "drum", "54.00", 1, 20), ("Carbide inserts", "box", "37.20", 2, 40),
        ("Work gloves", "dozen", "5.10", 10, 200),
    )),
    ("SW", "Software and services", (
        ("ERP licence", "set", "3990.00", 1, 3), ("Annual maintenance", "year", "1715.00", 1, 1),
        ("On-site training", "day", "430.00", 1, 5), ("MES implementation", "job", "21400.00", 1, 1),
    )),
    ("PK", "Packaging", (
        ("Plastic pallet", "pcs", "17.20", 10, 200), ("Stretch film", "roll", "6.95", 10, 200),
        ("Shipping carton", "pcs", "0.69", 200, 5000),
    )),
)  # fmt: skip
