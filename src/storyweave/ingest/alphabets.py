"""The letters beyond ASCII that each language writes (lower case), for judging a decoding.

A wrong single-byte code page turns a language's own letters into letters of another
alphabet ("Señor" read as cp1250 is "Seńor", Polish "ł" read as cp1252 is "³"); a right one
gives letters the text's language uses. Keys are py3langid's ISO 639-1 codes. English
borrows the Western European letters (café, naïve, Señor, Zürich, smörgåsbord).
"""
from __future__ import annotations

_WESTERN = "àáâãäåæçèéêëìíîïñòóôõöøùúûüýÿœß"

ALPHABETS: dict[str, str] = {
    "en": _WESTERN,
    "fr": "àâæçéèêëîïôœùûüÿ",
    "es": "áéíñóúü",
    "pt": "áâãàçéêíóôõú",
    "it": "àèéìíîòóùú",
    "ca": "àçéèíïòóúü·",
    "gl": "áéíñóú",
    "eu": "ñ",
    "de": "äöüß",
    "nl": "áéèëïóöü",
    "lb": "äéëè",
    "sv": "åäöé",
    "da": "æøåé",
    "no": "æøåéóò",
    "nb": "æøåéóò",
    "nn": "æøåéóò",
    "is": "áðéíóúýþæö",
    "fo": "áðíóúýæø",
    "fi": "äöå",
    "et": "äöõüšž",
    "pl": "ąćęłńóśźż",
    "cs": "áčďéěíňóřšťúůýž",
    "sk": "áäčďéíĺľňóôŕšťúýž",
    "hu": "áéíóöőúüű",
    "ro": "ăâîșşțţ",
    "hr": "čćđšž",
    "bs": "čćđšž",
    "sl": "čšž",
    "sq": "çë",
    "tr": "çğıöşüâî",
    "lv": "āčēģīķļņšūž",
    "lt": "ąčęėįšųūž",
    "mt": "ċġħż",
    "cy": "âêîôûŵŷáéíóúàèìòùäëïöü",
    "ga": "áéíóú",
    "vi": "àáâãèéêìíòóôõùúýăđĩũơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ",
    "af": "êëéèîïôûáóúý",
    "sw": "",
    "id": "",
    "ms": "",
    "tl": "ñ",
}
