#!/usr/bin/env python3
"""Builds pipeline/gazetteer.csv from the NBS statistical division tables.

usage: python3 pipeline/build_gazetteer.py DIVISIONS_DIR > pipeline/gazetteer.csv

DIVISIONS_DIR holds provinces.csv, cities.csv, areas.csv and streets.csv from
modood/Administrative-divisions-of-China (dist/*.csv, WTFPL; NBS 统计用区划代码,
cut-off 2023-06-30). See pipeline/README.md for the columns.

Pseudo levels are dropped and their children attached to the province:
市辖区 (the prefecture level of the municipalities) and 省/自治区直辖县级行政区划.
The output is sorted by code, so the same input gives the same bytes.
"""
import csv
import sys

# Ethnic group names, to find where the place part of 德宏傣族景颇族自治州 ends.
ETHNIC = ("蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 纳西 "
          "景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 "
          "裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺 各").split()

PSEUDO = ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划")


def place_part(name, suffix):
    """德宏傣族景颇族自治州 -> 德宏; 长阳土家族自治县 -> 长阳."""
    stem = name[: -len(suffix)]
    for k in range(2, len(stem)):
        for e in ETHNIC:
            if stem.startswith(e, k) and "族" in stem[k:]:
                return stem[:k]
    return stem


def short_forms(name, level):
    """Short forms by which the news refers to a division."""
    out = []
    if level == 1:
        for suf in ("维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市"):
            if name.endswith(suf) and len(name) - len(suf) >= 2:
                out.append(name[: -len(suf)])
                break
    else:
        for suf in ("自治州", "自治县", "自治旗"):
            if name.endswith(suf):
                p = place_part(name, suf)
                if len(p) >= 2:
                    out.append(p)
                return out
        if level == 3 and any(w in name for w in ("开发", "园", "管理", "示范", "合作", "试验")):
            return out
        sufs = {2: ("地区", "市", "盟"), 3: ("新区", "林区", "特区", "市", "区", "县", "旗"),
                4: ("街道办事处", "街道", "地区", "镇", "乡", "苏木")}[level]
        for suf in sufs:
            if name.endswith(suf) and len(name) - len(suf) >= 2:
                out.append(name[: -len(suf)])
                break
    return [s for s in out if s != name]


def full_aliases(name, level):
    """Other full names: Beijing's towns listed as X地区 are written X镇 or X乡."""
    if level == 4 and name.endswith("地区") and len(name) >= 4:
        stem = name[:-2]
        return [stem + "镇", stem + "乡"]
    return []


def main(d):
    rows = {}

    def read(f):
        with open(f"{d}/{f}", newline="", encoding="utf-8-sig") as fh:
            return list(csv.DictReader(fh))

    for r in read("provinces.csv"):
        rows[r["code"]] = (r["name"], 1, "")
    for r in read("cities.csv"):
        rows[r["code"]] = (r["name"], 2, r["provinceCode"])
    for r in read("areas.csv"):
        rows[r["code"]] = (r["name"], 3, r["cityCode"])
    for r in read("streets.csv"):
        rows[r["code"]] = (r["name"], 4, r["areaCode"])

    def parent(code):
        p = rows[code][2]
        while p and rows[p][0] in PSEUDO:
            p = rows[p][2]
        return p

    w = csv.writer(sys.stdout, lineterminator="\n")
    w.writerow(["code", "name", "level", "parent_code", "aliases", "short"])
    for code in sorted(rows, key=lambda c: (c.ljust(9, "0"), len(c))):
        name, level, _ = rows[code]
        if name in PSEUDO:
            continue
        w.writerow([code, name, level, parent(code),
                    "|".join(full_aliases(name, level)), "|".join(short_forms(name, level))])


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data/divisions")
