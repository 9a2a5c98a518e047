from storyweave.unionfind import UnionFind


def test_groups_follow_chains_of_links():
    uf = UnionFind("abcde")
    uf.union("a", "b")
    uf.union("b", "c")
    uf.union("d", "d")
    assert len(uf) == 3
    assert sorted(sorted(g) for g in uf.groups()) == [["a", "b", "c"], ["d"], ["e"]]
    assert uf.find("a") == uf.find("c") != uf.find("e")
