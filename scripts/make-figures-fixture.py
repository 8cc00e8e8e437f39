#!/usr/bin/env python3
"""Builds Tests/UnionStatsTests/Fixtures/figures-seed.csv from the seed gold table.

The gold table has the annotated columns; the other figures.csv columns get
plausible values: published/source from meta.csv, region_code from the
divisions tables, metric_id from a small made-up dictionary (others left
empty so the reports list them as missing), kind (rate for %, level for state
counts, else flow). Run once; the output is committed.
usage: make-figures-fixture.py GOLD META DIVISIONS_DIR OUT
"""
import calendar, csv, re, sys

gold, meta, divs, out = sys.argv[1:5]
pub = {r['doc']: r for r in csv.DictReader(open(meta, encoding='utf-8'))}

def load(name):
    return list(csv.DictReader(open(f'{divs}/{name}', encoding='utf-8')))
provinces = {r['name']: r['code'] for r in load('provinces.csv')}
cities = {(r['provinceCode'], r['name']): r['code'] for r in load('cities.csv')}
areas = {}
for r in load('areas.csv'):
    areas.setdefault((r['provinceCode'], r['name']), r['code'])
    areas[(r['cityCode'], r['name'])] = r['code']
streets = {(r['areaCode'], r['name']): r['code'] for r in load('streets.csv')}

def region_code(path):
    if not path:
        return ''
    parts = path.split('/')
    code = provinces.get(parts[0], '')
    municipality = parts[0] in ('北京市', '天津市', '上海市', '重庆市')
    for depth, name in enumerate(parts[1:], start=1):
        if not code:
            return ''
        if len(code) == 2 and not municipality and (code, name) in cities:
            code = cities[(code, name)]
        elif len(code) in (2, 4) and (code, name) in areas:
            code = areas[(code, name)]
        elif len(code) == 6:
            alt = re.sub('镇$', '地区', name)
            code = streets.get((code, name)) or streets.get((code, alt), '')
        else:
            return ''
    return code

METRIC_IDS = {
    '职工沟通会': 'meetings.worker_communication', '企业沟通会': 'meetings.enterprise_communication',
    '参与企业': 'enterprises.participating', '职工咨询人数': 'consultations.workers',
    '申请入会职工数量': 'membership.applications', '会员信息采集数量': 'membership.records_collected',
    '会员信息采集数': 'membership.records_collected', '工会会员信息采集': 'membership.records_collected',
    '慰问款物': 'relief.money', '助学金': 'relief.scholarship', '在档困难职工': 'hardship.on_file',
    '建档立卡城镇困难职工': 'hardship.on_file', '脱困率': 'hardship.exit_rate',
    '脱困解困率': 'hardship.exit_rate', '“八大群体”职工入会率': 'membership.rate',
}
LEVEL_WORDS = ('在档', '建档立卡', '已组建', '覆盖', '入库', '社会组织')

rows = list(csv.DictReader(open(gold, encoding='utf-8')))
cols = ['doc', 'article', 'headline', 'published', 'source', 'line', 'raw', 'value', 'value_max', 'unit',
        'qualifier', 'per', 'metric', 'metric_id', 'kind', 'region', 'region_code', 'organization',
        'period_label', 'period_start', 'period_end', 'month', 'sentence']
HEADLINES = {  # a few headlines; the rest stay empty so the report falls back to the doc
    ('001_7c2e367b8fe2eefd.txt', '朝阳区总工会'): '朝阳区三年开展职工沟通会近2000场',
    ('002_6a40b4793228572f.txt', '顺义区总工会'): '顺义区总工会“两节”送温暖',
    ('000_beb573b588d2f9ba.txt', '延庆区总工会'): '延庆123户困难职工家庭解困脱困',
}
with open(out, 'w', encoding='utf-8-sig', newline='') as f:
    w = csv.writer(f, lineterminator='\r\n')
    w.writerow(cols)
    article, line, prev = 0, 0, None
    for r in rows:
        m = pub[r['doc']]
        key = (r['doc'], r['organization'])
        if prev is None or prev[0] != r['doc']:
            article, line = 1, 3
        elif prev != key:
            article += 1
        prev = key
        line += 2
        month = r['month']
        if month:
            y, mo = map(int, month.split('-'))
            start, end = f'{month}-01', f'{month}-{calendar.monthrange(y, mo)[1]:02d}'
        else:
            yr = re.match(r'^(\d{4})年$', r['period_label'])
            start = end = yr.group(1) if yr else ''
            if r['period_label'] in ('截至目前', '目前', '现在'):
                end = m['published']
        kind = 'rate' if r['unit'] == '%' else ('level' if any(x in r['metric'] for x in LEVEL_WORDS) else 'flow')
        org = r['organization']
        headline = HEADLINES.get(key, '')
        w.writerow([r['doc'], article, headline, m['published'], m['source'].replace(' (inferred)', ''), line,
                    r['raw'], r['value'], r['value_max'], r['unit'], r['qualifier'], r['per'], r['metric'],
                    METRIC_IDS.get(r['metric'], ''), kind, r['region'], region_code(r['region']), org,
                    r['period_label'], start, end, month, r['sentence']])
