"""The network drops in the middle of a quiz (Chromium's offline emulation): nothing the official ticked is lost.

Phase A: answers chosen offline are kept in the page and in localStorage, and go out by themselves when the
network comes back. Phase B: answers chosen offline, then the page reloaded as soon as the network is back,
are all still ticked and reach the server. A fresh browser signed in as the same official sees every answer.
"""
from __future__ import annotations

import json

from helpers import (COURSE, RETRY, answer_key, answered, answers_on_form, api, api_token, change_first_password,
                     find, give_answer, import_officials, new_browser, normalised, questions_on_page, right_answer,
                     save_state, shot, sign_in, start_attempt, submit_attempt, wait_for, wait_saved, wrong_answer)

USERNAME, NAME = "0977000123", "Phạm Thị Dung"
PASSWORD = "mạng yếu vẫn học được 2025"
MODULE = "tong-quan"


def set_offline(driver, offline: bool) -> None:
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.emulateNetworkConditions", {
        "offline": offline, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
    wait_for(driver, lambda d: d.execute_script("return navigator.onLine") is (not offline),
             f"navigator.onLine never became {not offline}", timeout=5)


def pending(driver, attempt: str) -> dict:
    """The answers the page keeps in localStorage until the server confirms them."""
    raw = driver.execute_script("return window.localStorage.getItem(arguments[0])", f"academy-attempt-{attempt}")
    return json.loads(raw) if raw else {}


def server_answers(token: str) -> tuple[str, dict]:
    """The open attempt's answers as the server stored them (starting an open quiz resumes it, changing nothing)."""
    status, body = api("POST", f"/courses/{COURSE}/quizzes/{MODULE}/attempts", token=token)
    assert status == 200, f"resume: {status} {body}"
    return body["attempt_id"], normalised(body["answers"])


def test_answers_survive_a_dropped_connection(browsers):
    slips = import_officials(f"username,full_name,commune,course\n{USERNAME},{NAME},Xã Minh Thanh,{COURSE}\n")
    official = browsers("official")
    sign_in(official, USERNAME, slips[USERNAME])
    change_first_password(official, slips[USERNAME], PASSWORD)
    token = api_token(USERNAME, PASSWORD)

    attempt = start_attempt(official, MODULE)
    key = answer_key(MODULE)
    fieldsets = questions_on_page(official)
    qids = [f.get_attribute("data-question") for f in fieldsets]
    assert len(qids) >= 9, qids
    # A mix of right and wrong answers, so that "ticked" means "ticked as the official chose".
    chosen = {q: (right_answer(key[q]) if i % 3 else wrong_answer(key[q])) for i, q in enumerate(qids)}
    online, batch_a, batch_b = qids[:3], qids[3:6], qids[6:]

    # Online: each answer is saved at once.
    for fieldset in fieldsets[:3]:
        give_answer(official, fieldset, chosen[fieldset.get_attribute("data-question")])
    wait_saved(official, online)

    # Phase A: the connection drops; answers wait in the page and go out when it is back.
    set_offline(official, True)
    for q in batch_a:
        give_answer(official, find(official, f"fieldset.question[data-question='{q}']"), chosen[q])
    wait_for(official, lambda d: all(save_state(d, q) == RETRY for q in batch_a),
             "offline answers did not show the retry notice")
    assert set(pending(official, attempt)) == set(batch_a), pending(official, attempt)
    shot(official, "30-phone-offline-retry-notice")
    assert set(server_answers(token)[1]) == set(online), "answers reached the server while offline?"
    set_offline(official, False)
    wait_saved(official, batch_a, timeout=40)  # the page resends by itself: no reload, no tap
    wait_for(official, lambda d: pending(d, attempt) == {}, "localStorage still holds sent answers")
    assert server_answers(token) == (attempt, normalised({q: chosen[q] for q in online + batch_a}))

    # The brief's own check: reloaded now, the page shows every answer so far.
    official.refresh()
    wait_for(official, lambda d: d.execute_script("return document.readyState") == "complete", "reload never ended")
    assert normalised(answered(answers_on_form(official))) == normalised({q: chosen[q] for q in online + batch_a})

    # Phase B: offline again; the official answers the rest. When the network comes back the answer
    # requests still fail (a flaky link: pages load, saves do not), and the official reloads the page:
    # the answers the server never got come back from localStorage, ticked, and go out once saving works.
    set_offline(official, True)
    for q in batch_b:
        give_answer(official, find(official, f"fieldset.question[data-question='{q}']"), chosen[q])
    wait_for(official, lambda d: all(save_state(d, q) == RETRY for q in batch_b),
             "offline answers did not show the retry notice")
    assert set(pending(official, attempt)) == set(batch_b)
    shot(official, "31-phone-offline-more-answers")
    official.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["*/api/v1/attempts/*"]})
    set_offline(official, False)
    official.refresh()
    wait_for(official, lambda d: d.execute_script("return document.readyState") == "complete", "reload never ended")
    assert normalised(answers_on_form(official)) == normalised(chosen), "an answer was lost on reload"
    wait_for(official, lambda d: all(save_state(d, q) == RETRY for q in batch_b), "the resend did not fail as set up")
    assert set(server_answers(token)[1]) == set(online + batch_a), "the blocked answers reached the server?"
    official.execute_cdp_cmd("Network.setBlockedURLs", {"urls": []})
    wait_saved(official, batch_b, timeout=40)
    wait_for(official, lambda d: pending(d, attempt) == {}, "answers kept after reload were never cleared")
    shot(official, "32-phone-after-reconnect-reload")
    assert server_answers(token) == (attempt, normalised(chosen)), "the server does not hold every answer"

    # Another browser (no localStorage), the same official: every answer is there, from the server.
    fresh = new_browser("phone")
    try:
        sign_in(fresh, USERNAME, PASSWORD)
        fresh.get(official.current_url)
        wait_for(fresh, lambda d: len(questions_on_page(d)) == len(qids), "the attempt did not open")
        assert normalised(answers_on_form(fresh)) == normalised(chosen)
        assert pending(fresh, attempt) == {}
        shot(fresh, "33-phone-fresh-session-same-answers")
        result = submit_attempt(fresh)
        expected = sum(1 for i in range(len(qids)) if i % 3)
        assert f"Điểm: {expected}/{len(qids)}" in result, result
    finally:
        fresh.quit()
