"""Words of the trade that the entrepreneur may only read with their explanation.

Caseworkers say "heroriëntatie", "route 2" and "Bbz" all day; the entrepreneur at the
kitchen table does not know them. Every printed text is checked against this list (the
tests do so for the plans and letters of sample dossiers and for the shipped catalog).
A word counts as explained when it stands right before its explanation in brackets or
after a colon ("Bbz (een uitkering voor zelfstandigen)", "Route 2: problemen oplossen"),
or in brackets right after the words it abbreviates ("Werkgeversservicepunt (WSP)").
"""

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TradeWord:
    word: str
    pattern: re.Pattern[str]
    plain: str
    """What to say instead, for whoever rewrites the text."""


def _word(word: str, pattern: str, plain: str, flags: int = re.IGNORECASE) -> TradeWord:
    return TradeWord(word, re.compile(pattern, flags), plain)


TRADE_WORDS: tuple[TradeWord, ...] = (
    _word("heroriëntatie", r"\bheroriënt\w*", "kijken hoe het verder moet met uw bedrijf"),
    _word("de-escalatie", r"\bde-?escal\w*", "problemen oplossen"),
    _word("instrument", r"\binstrument(en)?\b", "hulp, aanbod, training"),
    _word("route 1/2/3", r"\broute [123]\b", "de naam van de route: 'uw bedrijf sterker maken'"),
    _word("sociaal domein", r"\bsociaal domein\b", "wijkteam, maatschappelijk werk"),
    _word("leidraad", r"\bleidraad\b", "(weglaten: de bron is voor de klantmanager)"),
    _word("Bbz", r"\bBbz\b", "een uitkering voor zelfstandigen", 0),
    _word("IOAZ", r"\bIOAZ\b", "een uitkering voor oudere zelfstandigen die stoppen", 0),
    _word("TVL", r"\bTVL\b", "hulp bij vaste lasten in de coronatijd", 0),
    _word("NOW", r"\bNOW\b", "hulp bij loonkosten in de coronatijd", 0),
    _word("WSP", r"\bWSP\b", "werkgeversservicepunt", 0),
    _word("RMT", r"\bRMT\b", "regionaal mobiliteitsteam", 0),
)


def _explained(text: str, start: int, end: int) -> bool:
    after = text[end : end + 2]
    if after in (" (", ": ") or after.startswith(":"):
        return True
    # An abbreviation in brackets right after what it stands for: "… (WSP)".
    return text[start - 1 : start] == "(" and text[end : end + 1] == ")" and start > 2


def unexplained_trade_words(text: str) -> list[str]:
    """The trade words in ``text`` that stand there without their explanation."""
    found = []
    for trade in TRADE_WORDS:
        for match in trade.pattern.finditer(text):
            if not _explained(text, match.start(), match.end()):
                found.append(match.group(0))
    return found
