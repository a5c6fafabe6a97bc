"""Dates from the account of events, not from titles or 年度 (issue 18)."""

import pytest

from rectify_nlp.assemble.dates import reference_year, resolve

CASES = [
    # (clause, reference year, not_before, expected date)
    ("将于2025年3月印发《关于2024年度巡察整改工作的通知》", 2025, None, "2025-03-31"),
    ("于2025年1月底(春节前后)完成", 2024, None, "2025-01-31"),
    ("预计可在2月中旬前完成", 2025, "2025-12-10", "2026-02-20"),
    ("预计可在2月中旬前", 2025, "2025-10-21", "2026-02-20"),
    ("2026年6月底前完成", 2025, None, "2026-06-30"),
    ("于11月11日完成了招标工作", 2025, "2025-10-21", "2025-11-11"),
    ("力争年底前完成", 2025, None, "2025-12-31"),
    ("2024年12月底前", 2024, None, "2024-12-31"),
]


@pytest.mark.parametrize("clause,year,not_before,expected", CASES, ids=[c[0] for c in CASES])
def test_deadline_dates(clause, year, not_before, expected):
    assert resolve(clause, year, not_before).date == expected


def test_a_year_is_never_taken_from_a_title_or_a_nianDu():
    assert reference_year("印发《关于2023年度巡察整改的通知》,", 2025) == 2025
    assert reference_year("2023年度考核中", 2025) == 2025
    assert reference_year("2024年10月21日,巡察组反馈了意见", None) == 2024
