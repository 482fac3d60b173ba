"""Date inputs for the browser's own pickers: ``<input type="date">`` and
``type="datetime-local"`` show a value only in ISO form (2027-05-31, 2027-05-31T14:00), whatever
the site's language, so the value is always rendered that way. A localised value (2027/05/31)
shows as an empty field, and the next save of the form loses the date."""

from django import forms


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")
