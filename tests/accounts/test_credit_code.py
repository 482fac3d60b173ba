"""统一社会信用代码: real published codes pass; each kind of mistake gets its own message."""

import pytest
from django.core.exceptions import ValidationError

from accounts.credit_code import check_character, normalize, validate_credit_code

# Codes as printed on real business licences and public registers.
REAL_CODES = [
    "91350100M000100Y43",
    "91330100799655058B",
    "91440300708461136T",
    "12100000400000624D",
    "91110000802100433B",
]


@pytest.mark.parametrize("code", REAL_CODES)
def test_real_codes_are_valid(code):
    validate_credit_code(code)
    assert check_character(code[:17]) == code[17]


def test_lower_case_spaces_and_full_width_are_folded():
    assert normalize(" 91350100m000100y43 ") == "91350100M000100Y43"
    assert normalize("９１３５０１００Ｍ０００１００Ｙ４３") == "91350100M000100Y43"
    validate_credit_code("91350100m000100y43")


@pytest.mark.parametrize(
    ("code", "code_name"),
    [
        ("91350100M000100Y4", "length"),
        ("91350100M000100Y433", "length"),
        ("91350100M000100I43", "characters"),  # I is not in the alphabet
        ("9135010AM000100Y43", "characters"),  # the region code must be digits
        ("91350100M000100Y44", "check"),
        ("91330100799655058C", "check"),
    ],
)
def test_invalid_codes_are_refused_with_a_reason(code, code_name):
    with pytest.raises(ValidationError) as error:
        validate_credit_code(code)
    assert error.value.code == code_name


def test_wrong_check_character_message_does_not_give_the_right_one():
    # Naming it would complete any made-up code (issue 11, finding 13).
    with pytest.raises(ValidationError) as error:
        validate_credit_code("91350100M000100Y44")  # the right check character is 3
    assert error.value.code == "check"
    assert "3" not in error.value.messages[0]
