# torikumi check and recfix --check agree (both pass or both fail) on valid
# and invalid sheets: the descriptor torikumi writes carries the form's rules.
. "$TOP/tests/lib.sh"
command -v recfix >/dev/null || { t "recfix is installed"; t_fail "no recfix (make deps)"; done_testing; }

"$TORIKUMI" new --ward 大正区 --year 2017 base-header.rec || exit 1

# A clean item, then one file per case: the clean item plus one mutated item.
good='No: 1
Title: 歳入の確保
Plan_Purpose: 財源の確保
Plan_Overview: 連携した取組
Plan_Goal: 97.60%
Plan_Actions: 口座振替の勧奨
Plan_YearGoal: 収納率の向上
Plan_Done: yes
End_Results: 97.19%
End_Result: not_achieved
End_Issues: 連携を強化する
End_Done: yes'

case_file() { # name item-text
    { cat base-header.rec; printf '\n%s\n\n%s\n' "$good" "$2"; } > "$1.rec"
}

agree() { # name expected(valid|invalid) item-text
    t "$1: torikumi and recfix both say $2"
    case_file "$1" "$3"
    "$TORIKUMI" check "$1.rec" > "$1.torikumi" 2>&1; tk=$?
    recfix --check "$1.rec" > "$1.recfix" 2>&1; rf=$?
    case $2 in valid) want=0 ;; *) want=1 ;; esac
    [ "$tk" = "$want" ] || { t_fail "torikumi check exited $tk, expected $want"; cat "$1.torikumi"; }
    if [ "$want" = 0 ]; then [ "$rf" = 0 ] || { t_fail "recfix failed a valid file"; cat "$1.recfix"; }
    else [ "$rf" != 0 ] || t_fail "recfix passed an invalid file"
    fi
}

agree clean valid 'No: 2
Title: 二つ目'
agree end-issues-missing invalid 'No: 2
Title: x
End_Result: not_achieved'
agree end-issues-blank invalid 'No: 2
Title: x
End_Result: not_achieved
End_Issues: 　 '
agree end-issues-multiline valid 'No: 2
Title: x
End_Result: not_achieved
End_Issues:
+ 
+ 来年度に改善'
agree mid-off-track invalid 'No: 2
Title: x
Mid_Progress: off_track'
agree mid-unlikely invalid 'No: 2
Title: x
Mid_Progress: on_track
Mid_Outlook: unlikely'
agree mid-unlikely-with-issues valid 'No: 2
Title: x
Mid_Outlook: unlikely
Mid_Issues: 見直す'
agree plan-done-incomplete invalid 'No: 2
Title: x
Plan_Purpose: p
Plan_Done: yes'
agree mid-done-incomplete invalid 'No: 2
Title: x
Mid_Progress: on_track
Mid_Done: true'
agree mid-done-complete valid 'No: 2
Title: x
Plan_Purpose: p
Plan_Overview: o
Plan_Goal: g
Plan_Actions: a
Plan_YearGoal: y
Plan_Done: yes
Mid_Progress: on_track
Mid_Outlook: likely
Mid_Done: 1'
agree done-no valid 'No: 2
Title: x
Plan_Done: no
End_Done: false'
agree bad-choice invalid 'No: 2
Title: x
End_Result: 目標達成'
agree bad-bool invalid 'No: 2
Title: x
Plan_Done: maybe'
agree duplicate-number invalid 'No: 1
Title: x'
agree number-zero invalid 'No: 0
Title: x'
agree number-text invalid 'No: abc
Title: x'
agree number-missing invalid 'Title: x'
agree title-missing invalid 'No: 2
Subtitle: s'
agree title-blank invalid 'No: 2
Title:  '
agree title-two-lines invalid 'No: 2
Title: x
+ y'
agree title-twice invalid 'No: 2
Title: x
Title: y'
agree escape-in-text invalid "No: 2
Title: x
Plan_Purpose: a$(printf '\033')[31mb"
agree c1-in-text invalid "No: 2
Title: x
End_Results: a$(printf '\302\233')b"
agree del-in-title invalid "No: 2
Title: a$(printf '\177')"
agree line-separator invalid "No: 2
Title: x
Plan_Goal: a$(printf '\342\200\250')b"
agree tab-in-text valid "No: 2
Title: x
Plan_Goal: a$(printf '\t')b"
agree unknown-field valid 'No: 2
Title: x
LocalNote: 区のメモ
LocalNote: もう一つ'
agree comment valid 'No: 2
# メモ
Title: x'
agree halfwidth-kana-is-a-warning valid 'No: 2
Title: ｶﾀｶﾅ'

# Stages in order: a later stage is complete only after the plan is; the mid-year may stay open.
agree end-done-before-plan invalid 'No: 2
Title: 二つ目
End_Results: 実績
End_Result: achieved
End_Done: yes'
agree mid-done-before-plan invalid 'No: 2
Title: 二つ目
Mid_Progress: on_track
Mid_Outlook: likely
Mid_Done: yes'
agree end-done-mid-open valid "$(printf '%s\n' "$good" | sed 's/^No: 1$/No: 2/')"

t "the stage-order problem names both stages"
expect_exit 1 "$TORIKUMI" check end-done-before-plan.rec
expect_out_contains "End_Done: 年度評価 can be marked complete only after 計画 is marked complete"

t "the half-width katakana warning is printed but does not fail"
expect_exit 0 "$TORIKUMI" check halfwidth-kana-is-a-warning.rec
expect_out_contains "Title: warning: half-width katakana"

done_testing
