"""io/frames.py: tidy tables, every row traced to its notice and file."""
import rectify_nlp


def test_frames_are_tidy(notices):
    f = rectify_nlp.to_frames(list(notices.values()))
    assert set(f) == {"notices", "records", "measures", "metrics", "deadlines"}
    for name, df in f.items():  # every row can be traced to its notice and file
        assert {"notice", "source"} <= set(df.columns), name
    rec = f["records"]
    assert len(rec) == sum(len(n.records) for n in notices.values())
    assert rec.groupby("notice").size()["muye-2025-xunshi"] == 51
    one = rec[rec.problem == "整改责任压得不实"].iloc[0]
    assert (one.status, one.measures, one.problem_start) == ("completed", 4, 271)
    met = f["metrics"]
    row = met[met.text == "组织召开3次党工委会议、6次专题会议安排部署巡察整改工作"]
    assert list(row.value) == [3.0, 6.0] and list(row.unit) == ["次", "次"]  # one row per quantity
    text = notices["dongcheng-2026-xuncha"].text
    for _, m in met[met.notice == "dongcheng-2026-xuncha"].iterrows():
        assert text[m.start:m.end] == m.text
    dl = f["deadlines"]
    assert str(dl.date.dtype).startswith("datetime64")
    assert f["measures"]["record"].isna().sum() == sum(len(n.general_measures) for n in notices.values())

def test_notices_frame_and_category_levels(notices):
    f = rectify_nlp.to_frames(list(notices.values()))
    nf = f["notices"].set_index("notice")
    row = nf.loc["muye-2025-xunshi"]
    assert row.issuer == "中共牧野区委" and row.inspection_kind == "巡视"
    assert row.records == 51 and row.measures == sum(
        len(r.measures) for r in notices["muye-2025-xunshi"].records
    ) + len(notices["muye-2025-xunshi"].general_measures)
    assert str(row.feedback_date.date()) == "2024-12-26"
    rec = f["records"]
    levels = [c for c in rec.columns if c.startswith("category_") and c != "category_path"]
    assert levels and levels[0] == "category_1"
    # the first level holds topical group headings only, never a wrapper or a status heading
    firsts = set(rec["category_1"].dropna())
    assert firsts and not [c for c in firsts if "整改落实情况" in c or "已完成" in c]
    for _, r in rec.iterrows():
        path = [r[c] for c in levels if isinstance(r[c], str)]
        assert " › ".join(path) == r.category_path


def test_frames_keep_their_dtypes_whatever_the_batch_holds(notices):
    """An empty batch, a notice with no records or a count missing in one notice gave object or
    float64 columns where a full batch gave int64: batches concatenated had mixed dtypes. Every
    column but the category levels has one dtype now."""
    full = rectify_nlp.to_frames(list(notices.values()))
    nothing = rectify_nlp.extract("这是一段没有任何问题的文字。仅仅是一个说明。")
    for batch in ([], [nothing], [nothing, next(iter(notices.values()))]):
        for name, frame in rectify_nlp.to_frames(batch).items():
            for col in frame.columns:
                if not col.startswith("category_"):
                    assert frame[col].dtype == full[name][col].dtype, (name, col)
    assert str(full["notices"]["problems_reported"].dtype) == "Int64"
    assert str(full["metrics"]["approx"].dtype) == "boolean"


def test_dates_of_either_precision_survive_a_mixed_batch():
    """Metadata dates are YYYY-MM-DD or YYYY-MM: a format guessed from the first notice's made
    the other notices' dates NaT, which of them depending on the order."""
    from pathlib import Path

    real = Path(__file__).resolve().parents[2] / "annotations" / "real"
    notices = rectify_nlp.read_annotations(real / "real-080.jsonl") + rectify_nlp.read_annotations(
        real / "real-001.jsonl")
    extracted = [rectify_nlp.extract(a.text, id=a.id) for a in notices]
    for batch in (extracted, extracted[::-1]):
        frame = rectify_nlp.to_frames(batch)["notices"].set_index("notice")
        for n in batch:
            stated = n.metadata.value("feedback_date")
            if stated:
                assert str(frame.loc[n.id, "feedback_date"])[: len(stated)] == stated, n.id
