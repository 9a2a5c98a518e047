"""Every script: pages written without spaces (Chinese, Japanese, Thai) are measured in
characters, so a short article is not refused as "only 3 words". Invented text."""
import pytest

from storyweave.errors import InputError
from storyweave.ingest.html import article_from_html, word_count

ZH = ("港口工人周二开始罢工，要求提高工资并改善夜班安全条件。工会表示，如果谈判没有进展，罢工将持续到周末。"
      "港务局说，部分货船已经改道前往邻近港口，当地商店担心货物短缺。")
TH = ("คนงานท่าเรือเริ่มหยุดงานในวันอังคารเพื่อเรียกร้องค่าจ้างที่สูงขึ้นและความปลอดภัยในกะกลางคืน "
      "สหภาพแรงงานกล่าวว่าการหยุดงานจะดำเนินต่อไปจนถึงสุดสัปดาห์หากการเจรจาไม่คืบหน้า")


def page(text: str, lang: str) -> str:
    return (f"<html lang='{lang}'><head><title>港口罢工</title></head><body><article>"
            f"<p>{text}</p><p>{text[::-1]}</p></article></body></html>")


def test_word_count_counts_characters_of_spaceless_scripts():
    assert word_count("The cat sat on the mat.") == 6
    assert word_count(ZH) >= 30  # ~80 Han characters, about 2 per word
    assert word_count(TH) >= 20
    assert word_count("新电脑 DeepMind") == 1 + round(3 / 2)


@pytest.mark.parametrize("text,lang", [(ZH, "zh"), (TH, "th")])
def test_short_spaceless_article_is_read(text, lang):
    art = article_from_html(page(text, lang), id="p", item="p")
    assert len(art.text) > 50


def test_a_page_as_short_as_trafilatura_reads_is_kept():
    """No word floor beyond trafilatura's: a one-line notice keeps its metadata."""
    art = article_from_html("<html><head><title>港口罢工</title></head><body><p>港口罢工</p></body></html>",
                            id="p", item="p")
    assert art.text == "港口罢工"
    short = article_from_html("<html><head><title>Closed</title></head><body><p>Test</p></body></html>",
                              id="q", item="q")
    assert short.text == "Test" and short.title == "Closed"


@pytest.mark.parametrize("body", ["<p>2024 — 12:30 ... 17</p>", "<nav><a href='/'>Home</a></nav><h1>News</h1>",
                                  "<p><a href='/a'>港口罢工</a></p>"])
def test_a_page_without_a_word_of_prose_is_refused(body):
    with pytest.raises(InputError, match="no article"):
        article_from_html(f"<html><body>{body}</body></html>", id="p", item="p")


@pytest.mark.parametrize("text,lang", [(ZH, "zh"), (TH, "th")])
def test_the_article_step_keeps_the_body_of_a_short_spaceless_article(text, lang):
    from storyweave.ingest.article import ArticleStep
    from storyweave.model import Article

    art = ArticleStep()(Article(id="p", html=page(text, lang)))
    assert isinstance(art, Article) and art.language == lang and len(art.body) == 2


KO = ("항구 노동자들이 화요일 임금 인상과 야간 근무 안전을 요구하며 파업에 들어갔다. 노조는 협상이 진전되지 않으면 "
      "주말까지 파업을 이어가겠다고 밝혔다.")


@pytest.mark.parametrize("byline, lang, author", [
    # the press's fixed forms: Korean name then job; Chinese and Japanese job then name
    ("<p>(부산=한빛통신) 김하늘 기자 = </p>", "ko", "김하늘"),
    ("<p>.박서준 칼럼니스트 writer@example.kr</p>", "ko", "박서준"),
    ("<p>（记者 王小明）</p>", "zh", "王小明"),
    ("<p>【記者 佐藤花子】</p>", "ja", "佐藤花子"),
    # a photographer's credit, a reporter spoken of, a name running into the next word: none
    ("<p>[사진=김하늘 기자]</p>", "ko", None),
    ("<p>김하늘 기자가 현장을 찾았다.</p>", "ko", None),
    ("<p>记者王小明报道称</p>", "zh", None),
])
def test_a_byline_written_into_the_text_in_korean_chinese_or_japanese(byline, lang, author):
    from storyweave.ingest.html import page_metadata

    html = (f"<html lang='{lang}'><head><title>항구 파업</title></head><body><article><h1>항구 파업</h1>"
            f"{byline}<p>{KO}</p><p>{KO[::-1]}</p></article></body></html>")
    meta = page_metadata(html)
    assert meta.author == author
    if author:
        assert meta.sources["author"] == "byline in text"
