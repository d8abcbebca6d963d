"""The column titles every table model shares, for the eye and for screen readers."""

from datetime import date

import pytest
from PySide6.QtCore import Qt

from casedesk.domain.dossier import ReferralLine
from casedesk.ui.dossier.models import RowsModel, referrals_model
from casedesk.ui.intake.actions_model import ActionsModel

pytestmark = pytest.mark.qt

HORIZONTAL = Qt.Orientation.Horizontal


def test_a_screen_reader_hears_the_same_column_title_as_the_eye_sees() -> None:
    model = ActionsModel()
    for column, title in enumerate(ActionsModel.HEADERS):
        assert model.headerData(column, HORIZONTAL) == title
        assert model.headerData(column, HORIZONTAL, Qt.ItemDataRole.AccessibleTextRole) == title
    assert model.columnCount() == len(ActionsModel.HEADERS)


def test_a_column_past_the_last_or_a_row_header_has_no_title() -> None:
    model = ActionsModel()
    assert model.headerData(len(ActionsModel.HEADERS), HORIZONTAL) is None
    assert model.headerData(-1, HORIZONTAL) is None
    assert model.headerData(0, Qt.Orientation.Vertical) is None


def test_a_rows_model_takes_its_titles_from_its_own_columns() -> None:
    line = ReferralLine(1, "IMK", "Budgetcoaching", date(2026, 11, 27), "Verwezen")
    referrals = referrals_model([line])
    other = RowsModel([("Alleen", str)], ["x"])
    assert [referrals.headerData(c, HORIZONTAL) for c in range(referrals.columnCount())] == [
        "Partner",
        "Wat is gevraagd",
        "Verwezen op",
        "Status",
    ]
    assert (other.columnCount(), other.headerData(0, HORIZONTAL)) == (1, "Alleen")
    assert RowsModel.HEADERS == ()
