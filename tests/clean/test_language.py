import pytest

from storyweave.clean import language
from storyweave.clean.language import detect, detect_language, is_analysis_language

SAMPLES = {
    "en": "The council voted on Tuesday to expand the ferry service to three new stops across the harbour.",
    "de": "Der Stadtrat hat am Dienstag beschlossen, den Fährdienst um drei neue Haltestellen zu erweitern.",
    "fr": "Le conseil municipal a voté mardi l'extension du service de ferry à trois nouveaux arrêts du port.",
    "es": "El ayuntamiento votó el martes a favor de ampliar el servicio de ferry con tres nuevas paradas.",
    "it": "Il consiglio comunale ha votato martedì per estendere il servizio di traghetti a tre nuove fermate.",
    "pt": "A câmara municipal votou na terça-feira a ampliação do serviço de balsas para três novas paradas.",
    "nl": "De gemeenteraad heeft dinsdag gestemd om de veerdienst uit te breiden met drie nieuwe haltes in de haven.",
    "ru": "Городской совет во вторник проголосовал за расширение паромного сообщения до трёх новых остановок.",
    "zh": "市议会周二投票决定将港口渡轮服务扩展到三个新站点，官员表示这将缩短数千名居民的通勤时间。",
    "ja": "市議会は火曜日、港のフェリーサービスを三つの新しい停留所に拡大することを決議した。通勤時間が短くなる。",
    "ar": "صوت مجلس المدينة يوم الثلاثاء على توسيع خدمة العبارات في الميناء لتشمل ثلاث محطات جديدة للركاب.",
    "tr": "Belediye meclisi salı günü liman feribot hizmetinin üç yeni durağa genişletilmesini oyladı.",
}


@pytest.mark.parametrize("lang", sorted(SAMPLES))
def test_detects_common_news_languages(lang):
    assert detect_language(SAMPLES[lang]) == lang


def test_short_text_is_unknown_not_guessed():
    assert detect("Ferry news") == (None, 0.0)
    assert detect_language("") is None


def test_analysis_language():
    assert is_analysis_language("en") and is_analysis_language(None)
    assert not is_analysis_language("de")


# ---- the model unpacked once into the cache folder, same answers -------------------------------

TEXTS = ["The harbour bylaw was signed by the mayor on Monday after months of argument in the council.",
         "Le maire a signé lundi l'arrêté sur le port après des mois de débats au conseil municipal.",
         "Der Bürgermeister unterzeichnete am Montag nach monatelangem Streit die Hafensatzung."]


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("STORYWEAVE_CACHE", str(tmp_path))
    language._identifier.cache_clear()
    yield tmp_path
    language._identifier.cache_clear()


def test_unpacked_once_and_the_same_answers(cache):
    from py3langid import langid

    reference = langid.LanguageIdentifier.from_model_file(langid.MODEL_FILE, norm_probs=True)
    first = [language.detect(t) for t in TEXTS]
    (folder,) = (cache / "storyweave").iterdir()
    assert (folder / "complete").exists()
    language._identifier.cache_clear()
    assert [language.detect(t) for t in TEXTS] == first
    assert [language._identifier().classify(t) for t in TEXTS] == [reference.classify(t) for t in TEXTS]
    assert [lang for lang, _ in first] == ["en", "fr", "de"]


def test_an_unusable_cache_falls_back_to_the_package(cache):
    (cache / "storyweave").write_text("a file where the cache folder should be")
    assert language.detect(TEXTS[0])[0] == "en"


def test_a_broken_cache_falls_back_to_the_package(cache):
    language.detect(TEXTS[0])
    (folder,) = (cache / "storyweave").iterdir()
    (folder / "ptc.npy").write_bytes(b"not an array")
    language._identifier.cache_clear()
    assert language.detect(TEXTS[1])[0] == "fr"
