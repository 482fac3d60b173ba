"""Names of administrative region codes (GB/T 2260) that contracts carry and Hebi's own
vocabulary lacks: the partner institutions' districts and a few neighbours, so the dashboard
names a seller's region instead of showing its code. A code missing here is shown as it is."""

REGIONS: dict[str, tuple[str, str]] = {
    "110000": ("北京市", "Beijing"),
    "110108": ("北京市海淀区", "Haidian District, Beijing"),
    "110105": ("北京市朝阳区", "Chaoyang District, Beijing"),
    "120000": ("天津市", "Tianjin"),
    "120104": ("天津市南开区", "Nankai District, Tianjin"),
    "210200": ("大连市", "Dalian"),
    "210204": ("大连市沙河口区", "Shahekou District, Dalian"),
    "330100": ("杭州市", "Hangzhou"),
    "330106": ("杭州市西湖区", "Xihu District, Hangzhou"),
    "410000": ("河南省", "Henan"),
    "410100": ("郑州市", "Zhengzhou"),
    "410102": ("郑州市中原区", "Zhongyuan District, Zhengzhou"),
    "410105": ("郑州市金水区", "Jinshui District, Zhengzhou"),
    "410500": ("安阳市", "Anyang"),
    "410700": ("新乡市", "Xinxiang"),
}


def region_name(code: str, *, chinese: bool = True) -> str | None:
    """The region's name in Chinese (or English), or None for a code not in the table."""
    names = REGIONS.get(code)
    if names is None:
        return None
    return names[0] if chinese else names[1]
