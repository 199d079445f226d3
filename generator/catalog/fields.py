"""The catalog data contract as structural specs (see content/guide/catalog-format.md).

Only the shape of each file is described here; rules that need several files (ledgers,
adoption, forbidden certificates, frozen editions) live in `rules/`.
"""

from __future__ import annotations

from .charpolicy import Chars
from .model import ASSIST_ROLES, CatalogKind
from .spec import Bool, Date, Either, Field, Int, Korean, List, Obj, Slug, Str

# Text that `new-edition` leaves where a person must fill in a value; the rules refuse it.
PLACEHOLDER = "请填写"
# An example edition's document number starts with this unless it links a public document.
EXAMPLE_PREFIX = "（示例）"

ID_PATTERN = r"[A-Z]{2,4}-(SW|PZ|ZM|QX)-[0-9]{2,4}"  # [0-9], not \d: \d also matches full-width digits
SLUG_PATTERN = r"[a-z][a-z0-9-]{1,39}"
# RFC 3986 characters only (no spaces, quotes, angle brackets or non-ASCII: percent-encode them)
URL = Str(
    pattern=r"https?://[A-Za-z0-9._~:/?#\[\]@!$&()*+,;=%-]+",
    hint="以 http:// 或 https:// 开头的网址（只含英文字母、数字和网址符号，中文和空格请用 %XX 编码）",
)
TEXT = Str()  # one line (charpolicy.Chars.LINE)
FREE_TEXT = Str(chars=Chars.LINES)  # notes and reasons for a change: may run over several lines
TEXT_LIST = List(TEXT, unique=True)
STATUS = Str(enum=("official", "example"))

SOURCE = Obj(
    {
        "document": Field(TEXT, "出处文件"),
        "section": Field(TEXT, "章节"),
        "annex": Field(TEXT, "附件"),
        "number": Field(TEXT, "序号"),
        "url": Field(URL, "网址"),
    },
    one_of_required=("document", "url"),
)

BASIS = Obj(
    {
        "law": Field(TEXT, "法规名称", required=True),
        "article": Field(TEXT, "条款"),
        "version": Field(TEXT, "版本（如 2018年修正）"),
    }
)

VILLAGE = Obj(
    {
        "slug": Field(Slug(pattern=SLUG_PATTERN, hint="小写英文字母，如 xinxing"), "网址名", required=True),
        "name": Field(TEXT, "中文名称", required=True),
        "name_ko": Field(Korean(), "朝鲜文名称", required=True),
        "name_ko_verified": Field(Bool(), "朝鲜文名称是否核实"),
        "retired": Field(Bool(), "已撤并（不能删除，网页保留并注明）"),
    }
)

TOWN = Obj(
    {
        **VILLAGE.fields,
        "status": Field(STATUS, "数据性质（official | example）", required=True),
        "villages": Field(List(VILLAGE), "村名单"),
    }
)

REGION = Obj(
    {
        "slug": Field(Slug(pattern=SLUG_PATTERN, hint="小写拼音字母，与文件夹同名"), "网址名", required=True),
        "name": Field(TEXT, "中文名称", required=True),
        "name_ko": Field(Korean(), "朝鲜文名称", required=True),
        "name_ko_verified": Field(Bool(), "朝鲜文名称是否核实"),
        "code": Field(
            Str(pattern=r"[0-9]{6}", hint='带引号的 6 位行政区划代码，如 "222401"'), "行政区划代码", required=True
        ),
        "level": Field(Str(enum=("prefecture", "county")), "层级", required=True),
        "parent": Field(Slug(pattern=SLUG_PATTERN), "上级地区"),
        "id_prefix": Field(Str(pattern=r"[A-Z]{2,4}", hint="2–4 个大写字母，如 YJ"), "事项编号前缀", required=True),
        "source": Field(URL, "名称和代码的出处"),
        "towns": Field(List(TOWN), "乡镇名单"),
    },
    title="地区（region.yaml）",
)

COMMON_ITEM = {
    "id": Field(Str(pattern=ID_PATTERN, hint="编号，如 YJ-ZM-101"), "编号", required=True),
    "name": Field(TEXT, "中文名称"),
    "adopts": Field(Str(pattern=ID_PATTERN, hint="州级事项编号，如 YB-ZM-001"), "采用的州级事项"),
    "aliases": Field(TEXT_LIST, "其他叫法"),
    "name_ko": Field(Korean(), "朝鲜文名称"),
    "name_ko_verified": Field(Bool(), "朝鲜文名称是否核实"),
    "basis": Field(List(BASIS), "设定依据"),
    "notes": Field(FREE_TEXT, "备注"),
    "status": Field(STATUS, "数据性质"),
    "source": Field(SOURCE, "出处"),
}

OVERLAP = Obj(
    {
        "item": Field(Int(1, 200), "重叠的不应出具事项（民发〔2020〕20号清单序号）", required=True),
        "basis": Field(TEXT, "要求村级组织出具的法律法规条款", required=True),
        "explanation": Field(TEXT, "向群众说明为什么可以出具", required=True),
    }
)

KIND_FIELDS: dict[CatalogKind, dict[str, Field]] = {
    CatalogKind.CERTIFICATES: {
        "issuer": Field(TEXT, "出具主体"),
        "requester": Field(TEXT_LIST, "要求出具的单位"),
        "purpose": Field(TEXT, "办理用途"),
        "procedure": Field(List(TEXT, min_items=1), "办理流程"),
        "deadline": Field(Either("当场办结", Int(1, 60)), "办结时限"),
        "form": Field(TEXT, "证明式样"),
        "category": Field(TEXT, "分类"),
        "overlaps_forbidden": Field(List(OVERLAP, min_items=1), "与不应出具事项的重叠说明"),
    },
    CatalogKind.FORBIDDEN: {
        "national_seq": Field(Int(1, 200), "民发〔2020〕20号清单序号"),
        "variants": Field(TEXT_LIST, "括号中的同类名称"),
        "variants_open_ended": Field(Bool(), "同类名称以“等”结尾"),
        "alternative": Field(TEXT, "替代途径"),
        "alternative_verified": Field(Bool(), "替代途径是否核实"),
        "category": Field(TEXT, "分类"),
    },
    CatalogKind.WORK_AFFAIRS: {
        "category": Field(Str(enum=("duty", "assist", "excluded")), "事务类别"),
        "org": Field(TEXT, "承担的村级组织"),
        "department": Field(TEXT, "提出要求的部门"),
        "role": Field(List(Str(enum=ASSIST_ROLES), min_items=1, unique=True), "村级组织承担的工作"),
        "funding": Field(TEXT, "经费和工作条件"),
        "keywords": Field(TEXT_LIST, "识别关键词"),
    },
    CatalogKind.SIGNBOARDS: {
        "org_type": Field(TEXT, "所属组织或场所"),
        "placement": Field(Str(enum=("outside", "inside")), "悬挂位置"),
        "orientation": Field(Str(enum=("vertical", "horizontal")), "竖牌或横牌"),
        "colour": Field(Str(enum=("red", "black")), "字色"),
        "size_mm": Field(
            Obj(
                {
                    "width": Field(Int(50, 5000), "宽（毫米）", required=True),
                    "height": Field(Int(50, 5000), "高（毫米）", required=True),
                }
            ),
            "尺寸",
        ),
        "pattern": Field(TEXT, "中文牌名模板"),
        "pattern_ko": Field(Korean(), "朝鲜文牌名模板"),
    },
}


def item_spec(kind: CatalogKind) -> Obj:
    return Obj({**COMMON_ITEM, **KIND_FIELDS[kind]}, one_of_required=("name", "adopts"), title=f"事项（{kind.label}）")


DOCUMENT = Obj(
    {
        "number": Field(TEXT, "文号", required=True),
        "title": Field(TEXT, "文件标题", required=True),
        "issuer": Field(TEXT, "印发机关", required=True),
        "date": Field(Date(), "印发日期", required=True),
        "url": Field(URL, "网址"),
    }
)

FILING = Obj(
    {
        "to": Field(List(TEXT, min_items=1, unique=True), "备案机关", required=True),
        "date": Field(Date(), "备案日期", required=True),
    }
)

CHANGE = Obj(
    {
        "item": Field(Str(pattern=ID_PATTERN, hint="事项编号"), "事项编号", required=True),
        "action": Field(Str(enum=("added", "removed", "modified", "renamed")), "变化类型", required=True),
        "reason": Field(FREE_TEXT, "调整理由", required=True),
        "replaced_by": Field(Str(pattern=ID_PATTERN, hint="事项编号"), "替代事项"),
    }
)

BILINGUAL_RULE = Obj(
    {
        "horizontal": Field(Str(enum=("zh_first", "ko_first")), "横牌排列", required=True),
        "vertical": Field(Str(enum=("zh_right", "zh_left")), "竖牌排列", required=True),
        "document": Field(TEXT, "规定文件", required=True),
        "verified": Field(Str(enum=("verified", "secondary", "inferred")), "核实程度", required=True),
        "sources": Field(List(URL, min_items=1), "出处", required=True),
    }
)


def edition_spec(kind: CatalogKind) -> Obj:
    fields = {
        "catalog": Field(Str(enum=tuple(k.value for k in CatalogKind)), "目录类别", required=True),
        "effective": Field(Date(), "生效日期", required=True),
        "kind": Field(Str(enum=("initial", "amendment", "correction")), "版本类型", required=True),
        "title": Field(TEXT, "版本标题", required=True),
        "status": Field(STATUS, "数据性质（official | example）", required=True),
        "document": Field(DOCUMENT, "印发文件"),
        "filing": Field(FILING, "备案"),
        "based_on": Field(
            Str(
                pattern=r"[a-z][a-z0-9-]*/[a-z-]+/[0-9]{4}-[0-9]{2}-[0-9]{2}",
                hint="州级版本，如 yanbian/certificates/2023-09-28",
            ),
            "依据的州级版本",
        ),
        "source": Field(SOURCE, "出处"),
        "notes": Field(FREE_TEXT, "备注"),
        "items": Field(List(item_spec(kind), min_items=1), "事项", required=True),
        "changes": Field(List(CHANGE), "变化记录"),
    }
    if kind is CatalogKind.SIGNBOARDS:
        fields["bilingual_rule"] = Field(BILINGUAL_RULE, "双语排列规则")
    return Obj(fields, title=f"版本（{kind.label}）")


NAMES_FILE = "certificate-names.yaml"  # the prefecture's table of common names, beside its region.yaml

COMMON_NAME = Obj(
    {
        "name": Field(TEXT, "群众常用的叫法", required=True),
        "means": Field(
            Str(pattern=ID_PATTERN, hint="州级证明事项或不应出具事项的编号，如 YB-QX-08"),
            "对应的清单事项",
            required=True,
        ),
        "verified": Field(Bool(), "对应关系是否有公开文件依据", required=True),
        "source": Field(SOURCE, "依据"),
        "note": Field(FREE_TEXT, "说明"),
        "ko": Field(List(Korean(han=False), unique=True, min_items=1), "朝鲜文叫法（群众用朝鲜语怎么说）"),
        "ko_verified": Field(Bool(), "朝鲜文叫法是否有公开文件依据"),
    }
)

NAMES = Obj(
    {
        "title": Field(TEXT, "标题", required=True),
        "names": Field(List(COMMON_NAME, min_items=1), "常用叫法", required=True),
    },
    title=f"证明事项常用叫法对照表（{NAMES_FILE}）",
)


MILESTONES_FILE = "milestones.yaml"  # the prefecture's deadlines (seed 三、时间安排), beside its region.yaml

MILESTONE = Obj(
    {
        "key": Field(Str(pattern=r"[a-z][a-z0-9-]{1,29}", hint="小写英文，如 publish"), "代号", required=True),
        "name": Field(TEXT, "工作步骤", required=True),
        "due": Field(Date(), "期限", required=True),
        "check": Field(Str(enum=("none", "first-edition", "adjustment")), "怎样检查各县（市）", required=True),
        "section": Field(TEXT, "文件中的位置", required=True),
    }
)

MILESTONES = Obj(
    {
        "title": Field(TEXT, "标题", required=True),
        "source": Field(SOURCE, "出处", required=True),
        "milestones": Field(List(MILESTONE, min_items=1), "时间节点", required=True),
    },
    title=f"时间节点（{MILESTONES_FILE}）",
)
