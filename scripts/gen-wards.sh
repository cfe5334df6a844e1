#!/bin/sh
# gen-wards.sh DIR [YEAR]: write the sheets of Osaka's 24 wards for one fiscal
# year (552 initiatives) into DIR/ward-01.rec .. DIR/ward-24.rec, made from
# sample-data/taisho-h29.rec with varied, deterministic answers, so that a
# supervisor's questions have answers worth counting (tests/e2e/33-*.sh):
#   - 目標未達成: item N of ward W when (7N + 3W) % 4 == 0 (about a quarter),
#     each with its own 課題と改善策 ("改善策W-N", long enough to wrap);
#   - the mid-year review (中間振り返り) is finished everywhere except in
#     wards 1, 4, 7, ... 22 (W % 3 == 1), where items 1 .. 2(W+2)/3 are left
#     unfinished: 2, 4, ... 16 items;
#   - 防災 is written into 取組の内容 of items where (N + W) % 6 == 0, twice
#     when also N % 2 == 0 (so hit counts differ per item).
# Deterministic: the same DIR content every run.  Files are plain recutils.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:?usage: gen-wards.sh DIR [YEAR]}
year=${2:-2017}
mkdir -p "$dir"
w=0
for ward in 北区 都島区 福島区 此花区 中央区 西区 港区 大正区 天王寺区 浪速区 西淀川区 淀川区 \
            東淀川区 東成区 生野区 旭区 城東区 鶴見区 阿倍野区 住之江区 住吉区 東住吉区 平野区 西成区; do
    w=$((w + 1))
    out=$(printf '%s/ward-%02d.rec' "$dir" "$w")
    LC_ALL=C awk -v ward="$ward" -v w="$w" -v year="$year" '
        function finish_item() { n = 0 }
        /^Ward: / { print "Ward: " ward; next }
        /^FiscalYear: / { print "FiscalYear: " year; next }
        /^No: / { n = $2 + 0 }
        n && /^End_Issues:/ { skip = 1; next }
        skip && /^\+/ { next }
        { skip = 0 }
        n && /^Plan_Actions: / && (n + w) % 6 == 0 {
            print $0 " 地域の防災訓練と連携する。" ((n % 2 == 0) ? "防災マップも配る。" : ""); next
        }
        n && /^End_Results: / {
            unfinished = (w % 3 == 1) && n <= int(2 * (w + 2) / 3)
            if (!unfinished) {
                print "Mid_Progress: on_track"
                print "Mid_Outlook: likely"
                print "Mid_Done: yes"
            }
        }
        n && /^End_Result: / {
            if ((7 * n + 3 * w) % 4 == 0) {
                print "End_Result: not_achieved"
                printf "End_Issues: 改善策%d-%d: %sでは目標に届かなかった。", w, n, ward
                print "原因を関係課と分析し、次年度は手順を見直して実施時期を早め、進捗を毎月確認する。"
                print "+ 区民への周知も広報紙とホームページで強化する。"
            } else
                print "End_Result: achieved"
            next
        }
        /^$/ { finish_item() }
        { print }
    ' "$top/sample-data/taisho-h29.rec" > "$out"
done
