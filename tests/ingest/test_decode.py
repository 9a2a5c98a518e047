"""Bytes -> text: strict UTF-8 first, else the candidate encoding whose text is most plausible
for its language; the encoding used is recorded on the article. Samples are invented."""
from __future__ import annotations

import pytest

from storyweave.config import IngestConfig
from storyweave.errors import InputError
from storyweave.ingest import read_articles
from storyweave.ingest.decode import decode

# (encoding written, text): each sample uses letters that other code pages map elsewhere
SAMPLES = {
    "latin-1 English": ("latin-1",
                        "The café crème brûlée was the hit of the night, said Señor Alvarez, who called the "
                        "critics naïve. The restaurant on the quay reopened on Monday after the flood."),
    "latin-1 French": ("latin-1",
                       "Le conseil municipal a voté mardi l'extension du service de ferry à trois nouveaux "
                       "arrêts. « C'est une très bonne nouvelle », a déclaré le maire, qui espère voir les "
                       "travaux commencer dès l'été prochain."),
    "latin-1 Spanish": ("latin-1",
                        "El ayuntamiento votó el martes a favor de ampliar el servicio de ferry con tres nuevas "
                        "paradas. El alcalde dijo que era una buena noticia para los vecinos del año."),
    "cp1252 English": ("cp1252",
                       "“We will rebuild,” the mayor said on Tuesday, promising €4.5 million for the quay – a "
                       "figure the council’s critics called too small. The café owners said they had lost everything."),
    "cp1250 Polish": ("cp1250",
                      "Rada miasta zagłosowała we wtorek za rozszerzeniem usług promowych o trzy nowe przystanki. "
                      "Burmistrz powiedział, że to dobra wiadomość dla mieszkańców, którzy codziennie dojeżdżają "
                      "do pracy przez zatłoczony most. Żółć i gęś."),
    "cp1250 Czech": ("cp1250",
                     "Městská rada v úterý odhlasovala rozšíření trajektové dopravy o tři nové zastávky. Starosta "
                     "řekl, že je to dobrá zpráva pro obyvatele, kteří každý den dojíždějí do práce přes "
                     "přeplněný most."),
    "cp1250 Hungarian": ("cp1250",
                         "A városi tanács kedden megszavazta, hogy a kompjárat három új megállóval bővüljön. A "
                         "polgármester szerint ez jó hír a lakóknak, akik minden nap a zsúfolt hídon ingáznak, "
                         "és ő is örül neki."),
    "cp1251 Russian": ("cp1251",
                       "Городской совет во вторник проголосовал за расширение паромного сообщения до трёх "
                       "новых остановок. Мэр сказал, что это хорошая новость для жителей."),
    "UTF-8 mixed": ("utf-8",
                    "Señor Wałęsa met the mayor of Kraków in Zürich; “€5 million” was the figure, naïve or not."),
}


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_decodes_to_the_text_that_was_written(name):
    encoding, text = SAMPLES[name]
    got = decode(text.encode(encoding), name)
    assert got.text == text, f"{name}: decoded as {got.encoding}"


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_a_long_text_with_many_accents_is_read_right(encoding):
    # many accented words against little ASCII: the language detector's confidence swings
    # between candidate decodings; the letters must decide
    text = "The café crème brûlée was a hit, said Señor Alvarez, who called the critics naïve. " * 500
    assert decode(text.encode(encoding), "x").text == text
    french = "Le café crème était servi au Señor, naïve et brûlée. " * 500
    assert decode(french.encode(encoding), "x").text == french


def test_utf8_is_taken_strictly_first():
    got = decode("naïve café".encode("utf-8"), "x")
    assert (got.text, got.encoding) == ("naïve café", "utf-8")
    assert decode("\ufeffByte order mark".encode("utf-8"), "x").text == "Byte order mark"


def test_encoding_name_says_what_was_used():
    assert decode(SAMPLES["cp1250 Polish"][1].encode("cp1250"), "x").encoding in {"cp1250", "iso8859-2"}
    # Latin-1 letters read the same in windows-1252 (the web's reading of "latin-1")
    assert decode(SAMPLES["latin-1 English"][1].encode("latin-1"), "x").encoding in {"cp1252", "iso8859-1", "iso8859-15"}


def test_binary_is_refused_with_its_name():
    with pytest.raises(InputError, match="binary data") as e:
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "photo.txt")
    assert e.value.item == "photo.txt"


def test_reader_records_the_encoding(tmp_path):
    _, text = SAMPLES["latin-1 English"]
    (tmp_path / "latin.txt").write_bytes(text.encode("latin-1"))
    (tmp_path / "utf.txt").write_bytes(text.encode("utf-8"))
    arts, probs = read_articles([tmp_path], IngestConfig())
    assert probs == []
    by = {a.id: a for a in arts}
    assert "Señor" in by["latin.txt"].text and "naïve" in by["latin.txt"].text
    assert by["latin.txt"].meta["encoding"] in {"cp1252", "iso8859-1", "iso8859-15"}
    assert by["utf.txt"].meta["encoding"] == "utf-8"
