"""Knowledge requests are bookmarked like the kinds community owns (registered by exchange)."""


def test_knowledge_requests_can_be_bookmarked(client, member, other, make_request):
    request = make_request(other)
    client.force_login(member)
    assert client.post("/en/account/bookmarks/add/", {"kind": "request", "target": request.pk}).status_code == 302
    assert request.title in client.get("/en/account/bookmarks/").content.decode()
