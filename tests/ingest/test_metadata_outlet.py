"""The outlet's name (storyweave.ingest.metadata_outlet), on invented pages."""
from lxml import html as lxml_html

from storyweave.ingest.metadata import read_metadata
from storyweave.ingest.metadata_outlet import copyright_holder, outlet_name


def meta_of(page: str, **kw):
    return read_metadata(lxml_html.fromstring(page), page, **kw)


def _page(head: str = "", body: str = "", title: str = "Dam gates open after the flood") -> str:
    return f"""<html><head><title>{title}</title>{head}</head>
    <body><h1>Dam gates open after the flood</h1><p>The gates opened at noon.</p>{body}</body></html>"""


def test_a_handle_yields_to_the_name_the_title_ends_with_that_the_domain_confirms():
    page = _page('<link rel="canonical" href="https://www.vcourier.example/2021/dam">',
                 title="Dam gates open after the flood - The Valley Courier")
    m = meta_of(page, fallback={"outlet": "VCourier"})  # trafilatura's reading of an app's name
    assert m.outlet == "The Valley Courier" and m.sources["outlet"] == "<title> end"
    # a lower-case handle the site states as its name yields too
    page = _page('<meta property="og:site_name" content="harbourpost">'
                 '<link rel="canonical" href="https://harbourpost.example/dam">',
                 title="Dam gates open after the flood | Harbour Post")
    assert meta_of(page).outlet == "Harbour Post"


def test_a_copyright_line_names_the_outlet_where_the_page_names_none():
    page = _page('<meta property="og:site_name" content="Hosted">'
                 '<link rel="canonical" href="https://hosted.np.example/dam">',
                 '<footer><p>&copy;2021 The Northern Press. All rights reserved.</p></footer>')
    m = meta_of(page)  # "np": the initials of The Northern Press; "Hosted": the server
    assert m.outlet == "The Northern Press" and m.sources["outlet"] == "copyright"
    # a photo's credit is no copyright line of the site
    credit = _page('<link rel="canonical" href="https://hosted.np.example/dam">',
                   '<figure><figcaption>&copy; Northern Pictures</figcaption></figure>')
    assert meta_of(credit).outlet == "np.example"


def test_without_an_address_the_title_end_and_the_copyright_line_agreeing_name_it():
    page = _page(body="<div>Copyright \u24d2 Bayview.example. All right reserved.</div>",
                 title="Dam gates open after the flood - Bayview")
    m = meta_of(page)
    assert m.outlet == "Bayview" and m.title == "Dam gates open after the flood"


def test_a_stated_name_is_not_replaced_by_a_title_end_or_a_parent_company():
    page = _page('<meta property="og:site_name" content="Valley Courier">'
                 '<link rel="canonical" href="https://www.valleycourier.example/dam">',
                 '<footer>\u00a9 2021 Riverside Media Group, Inc.</footer>',
                 title="Dam gates open after the flood - VC")
    assert meta_of(page).outlet == "Valley Courier"


def test_a_tagline_or_a_copyright_line_set_as_the_site_name_is_no_name():
    assert outlet_name("Copyright 2021 Valley Courier. All rights reserved.") == "Valley Courier"
    assert outlet_name("Harbour Post - the news of the bay, every day") == "Harbour Post"
    assert outlet_name("Your daily dose of harbour news") == ""
    assert outlet_name("Kabar tentang Dunia Islam") == "Kabar tentang Dunia Islam"  # one particle: a name
    page = _page('<meta property="og:site_name" content="Your daily dose of harbour news">'
                 '<link rel="canonical" href="https://www.harbourpost.example/dam">')
    assert meta_of(page).outlet == "harbourpost.example"


def test_copyright_holders():
    assert copyright_holder("Copyright \u00a9 2005\u20132021 Valley Courier Media, Inc. All rights reserved.") \
        == "Valley Courier Media"
    assert copyright_holder("\u24d2 Bayview.example. No reprints") == "Bayview.example"
    assert copyright_holder("\u00a9 2021 The Northern Press Company") == "The Northern Press"
    assert copyright_holder("All rights reserved.") == ""
