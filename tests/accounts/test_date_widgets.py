"""Every date input of the site renders its value in the ISO form the browser's picker reads,
in Chinese as in English (a localised 2027/05/31 shows as an empty field and is lost on save)."""

import datetime

import pytest
from django.utils import translation

from market.funding.forms import PaidForm
from matching.forms import NoteForm

DAY = datetime.date(2027, 5, 31)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize(("form", "field"), [(NoteForm, "due_date"), (PaidForm, "paid_on")])
def test_a_follow_up_or_payment_date_is_shown_as_the_picker_reads_it(form, field, language):
    with translation.override(language):
        html = str(form(initial={field: DAY})[field])
    assert 'type="date"' in html and 'value="2027-05-31"' in html
