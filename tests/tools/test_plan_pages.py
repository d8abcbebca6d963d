"""The sample renders for ``make screenshots``: every page of the sample plans as PNG."""

from pathlib import Path

from tools.screenshots.plan_pages import render_sample_plans


def test_every_page_of_the_typical_and_the_long_plan_is_a_png(tmp_path: Path) -> None:
    pages = render_sample_plans(tmp_path / "shots")
    names = [page.name for page in pages]
    assert names[:2] == ["plan-typisch-1.png", "plan-typisch-2.png"]
    assert sum(name.startswith("plan-lang-") for name in names) > 3
    kinds = ("plan-niet-urgent-", "plan-crisis-", "plan-belgie-", "plan-afgesloten-",
             "brief-met-toestemming-", "brief-zonder-")  # fmt: skip
    for kind in kinds:
        assert any(name.startswith(kind) for name in names), kind
    for page in pages:
        assert page.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_rendering_again_replaces_the_old_pages(tmp_path: Path) -> None:
    folder = tmp_path / "shots"
    folder.mkdir()
    (folder / "plan-typisch-9.png").write_bytes(b"old")
    pages = render_sample_plans(folder)
    assert not (folder / "plan-typisch-9.png").exists()
    assert sorted(folder.iterdir()) == sorted(pages)
