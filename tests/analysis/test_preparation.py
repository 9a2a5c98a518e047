"""Independent sources: what counts as one source for a fact."""
import numpy as np

from storyweave.analysis.preparation import independent_sources, quoted_share
from storyweave.model import Sentence


def _s(article: str, i: int, text: str) -> Sentence:
    return Sentence(id=f"{article}#{i}", article_id=article, index=i, paragraph=0, text=text)


def test_a_sentence_inside_a_shared_passage_counts_once_even_if_its_copy_is_elsewhere():
    sents = [_s("a", 0, "The ferry service will resume on Monday after repairs."),
             _s("b", 0, "The ferry service will resume on Monday after repairs to the ramp."),
             _s("b", 1, "Ferries are back from Monday, the operator said.")]
    # the group holds a's sentence and b's other sentence; a's sentence was copied into b
    assert independent_sources([0, 2], sents, {(0, 1): 0.9}) == 1


def test_a_quotation_both_outlets_print_is_no_shared_copy():
    quote = "“We will rebuild the quay before the winter storms,” the harbour master said."
    sents = [_s("a", 0, quote), _s("b", 0, quote),
             _s("a", 1, "Repairs to the quay will start in May and cost four million euros."),
             _s("b", 1, "Repairs to the quay will start in May and cost four million euros, officials said.")]
    sim = np.ones((4, 4), dtype=np.float32)
    # the quote is a public statement: a and b each reported it; their own sentences stay two sources
    assert independent_sources([2, 3], sents, {(0, 1): 1.0}, sim) == 2
    assert quoted_share(quote) > 0.5 and quoted_share(sents[2].text) == 0.0


def test_a_quotation_inside_shared_wire_copy_counts_once():
    quote = "“We will rebuild the quay before the winter storms,” the harbour master said."
    wire = "Storm surges damaged the quay at Tollmouth on Saturday night, flooding the fish market."
    sents = [_s("a", 0, quote), _s("b", 0, quote), _s("a", 1, wire), _s("b", 1, wire)]
    # a and b share wire copy (sentence 1), so the quote they both print came down the wire too
    assert independent_sources([0, 1], sents, {(0, 1): 1.0, (2, 3): 1.0}) == 1


def test_average_linkage_is_scipys():
    import numpy as np
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    from storyweave.analysis.preparation import _average_linkage

    def partition(labels):
        groups = {}
        for i, label in enumerate(labels):
            groups.setdefault(label, []).append(i)
        return sorted(groups.values())

    rng = np.random.default_rng(7)
    for n, cut in ((2, 0.5), (40, 0.2), (150, 0.35), (300, 0.1)):
        x = rng.random((n, 12))
        x /= np.linalg.norm(x, axis=1)[:, None]
        d = np.clip(1.0 - x @ x.T, 0.0, 2.0)
        np.fill_diagonal(d, 0.0)
        ours = partition(_average_linkage(d, cut))
        assert ours == partition(fcluster(linkage(squareform(d, checks=False), method="average"), t=cut,
                                          criterion="distance")), n
