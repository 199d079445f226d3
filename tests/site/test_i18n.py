"""i18n.message formats a catalogue text with escaped values without Markup's Python-level formatter;
it must give what Markup.format gives, for every message of the catalogue in both languages."""

from __future__ import annotations

import datetime

import pytest
from markupsafe import Markup

from generator.site import i18n, messages

VALUES = ("<b>延吉</b> & 'x' \"y\"", Markup("<i>룡정</i>"), 7, None, datetime.date(2024, 6, 30))


@pytest.mark.parametrize("lang", messages.LANGS)
def test_messages_with_values_are_formatted_as_markup_formats_them(lang):
    checked = 0
    for key, entry in messages.catalogue().items():
        text = entry.text(lang)
        names = messages.placeholders(text)
        if not names:
            continue
        for n in range(len(VALUES)):  # each value in each field
            values = {name: VALUES[(n + i) % len(VALUES)] for i, name in enumerate(sorted(names))}
            got = i18n.message(lang, key, **values)
            assert got == Markup(text).format(**values), (key, values)
            assert isinstance(got, Markup)
        checked += 1
    assert checked > 50  # the catalogue has many messages with values


def test_a_field_with_a_format_spec_is_formatted_by_markup():
    assert not i18n._named_only("{n:02d} 天")
    assert not i18n._named_only("{n!r}")
    assert not i18n._named_only("{0}")
    assert i18n._named_only("{date} 起 {{不是字段}}")
