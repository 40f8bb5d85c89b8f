"""No blocking dialogs, every removal undoable, no silent limits: the inline editors of 我的计划
(docs/assets/wp/mine-inline.js), 撤销 after a removal or a reset on every page (undo.js), and text
kept whole, in real Chromium. Saved records are read back with the reader in tests/support.py."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from support import saved_groups, saved_mine
from test_keep import CONTEXT, deaf_tab, heard, mine_with, own_part, seed, titles
from test_quality import axe_source  # noqa: F401  (the fixture)

pytestmark = pytest.mark.browser

EMOJI = "\U0001F600"
MEASURE = "".join(f"第{i}项:复盘网点客户经营,记录问题{EMOJI}。" for i in range(250))[:4999] + "末"
HEADING = ("章节标题很长" * 200)[:999] + EMOJI


def no_dialogs(page):
    seen = []
    page.on("dialog", lambda d: (seen.append(d.message), d.dismiss()))
    return seen


def editor(page):
    return page.locator("[data-wp-editing]")


def open_rename(page, n):
    page.locator(".wp-part").nth(n).get_by_role("button", name="改标题").click()
    box = editor(page).locator("input")
    expect(box).to_be_focused()
    return box


def add_own(page, n, text):
    box = page.locator(".wp-part").nth(n).locator(".wp-add-own input")
    box.fill(text)
    box.press("Enter")


# ---------------------------------------------------------------- two tabs

@pytest.mark.parametrize("deaf", [False, True], ids=["hears", "deaf"])
def test_an_open_editor_does_not_bring_back_what_another_tab_removed(new_page, base_url, deaf):
    a = mine_with(new_page, base_url, "一", "二", "三")
    b = deaf_tab(a, base_url) if deaf else a.context.new_page()
    if not deaf:
        b.goto(base_url + "mine.html")
    dialogs = no_dialogs(a) + no_dialogs(b)
    box = open_rename(b, 0)
    box.fill("一(乙改)")
    a.locator(".wp-part").nth(1).get_by_role("button", name="移除本节").click()
    expect(a.locator(".wp-part")).to_have_count(2)
    heard(b, a)
    if not deaf:  # B drew the list again: the editor kept its place, its text and the keyboard
        expect(b.locator(".wp-part")).to_have_count(2)
        expect(box).to_have_value("一(乙改)")
        expect(box).to_be_focused()
    box.press("Enter")
    expect(editor(b)).to_have_count(0)
    heard(a, b)  # B's write reaches A's copy of storage a moment later
    assert [p["title"] for p in saved_mine(a)["parts"]] == ["一(乙改)", "三"]
    expect(b.locator(".wp-part-title")).to_have_text(["一(乙改)", "三"])
    a.reload()
    assert titles(a) == ["一(乙改)", "三"] and dialogs == []


@pytest.mark.parametrize("keep", ["mine", "theirs"])
def test_both_tabs_rename_the_same_heading_and_the_person_chooses(new_page, base_url, keep):
    a = mine_with(new_page, base_url, "原名", "别的")
    b = a.context.new_page()
    b.goto(base_url + "mine.html")
    box = open_rename(b, 0)
    box.fill("乙名")
    open_rename(a, 0).fill("甲名")
    editor(a).get_by_role("button", name="保存").click()
    heard(b, a)
    box.press("Enter")
    clash = editor(b).locator(".wp-inline-conflict")
    expect(clash).to_be_visible()
    expect(clash).to_contain_text("冲突")
    expect(clash.locator(".wp-inline-theirs")).to_have_text("甲名")
    expect(clash.locator(".wp-inline-mine")).to_have_text("乙名")
    assert saved_mine(a)["parts"][0]["title"] == "甲名"  # nothing written before the choice
    if keep == "mine":
        clash.get_by_role("button", name="保留我的").click()
    else:
        clash.get_by_role("button", name="采用另一个标签页的").click()
    want = "乙名" if keep == "mine" else "甲名"
    expect(editor(b)).to_have_count(0)
    expect(b.locator(".wp-part-title").first).to_have_text(want)
    expect(b.locator(".wp-part").first.get_by_role("button", name="改标题")).to_be_focused()
    assert [p["title"] for p in saved_mine(b)["parts"]] == [want, "别的"]
    a.reload()
    assert titles(a) == [want, "别的"]


def test_a_reworded_measure_in_two_tabs_shows_the_conflict(new_page, base_url):
    a = mine_with(new_page, base_url, "一")
    add_own(a, 0, "原来的措施")
    b = a.context.new_page()
    b.goto(base_url + "mine.html")
    b.locator(".wp-entry").first.get_by_role("button", name="改写").click()
    editor(b).locator("textarea").fill("乙的说法")
    a.locator(".wp-entry").first.get_by_role("button", name="改写").click()
    editor(a).locator("textarea").fill("甲的说法")
    editor(a).locator("textarea").press("Control+Enter")
    heard(b, a)
    editor(b).locator("textarea").press("Control+Enter")
    clash = editor(b).locator(".wp-inline-conflict")
    expect(clash).to_contain_text("冲突")
    expect(clash.locator(".wp-inline-theirs")).to_have_text("甲的说法")
    clash.get_by_role("button", name="保留我的").click()
    expect(editor(b)).to_have_count(0)
    heard(a, b)
    assert saved_mine(a)["parts"][0]["own"][0]["text"] == "乙的说法"


def two_tabs_editing(new_page, base_url, what, deaf=False):
    """Tab A with parts 一, 二 (own measures 甲, 乙), 三; tab B edits 二's heading or 乙's words and
    has typed; A removes what B edits (the measure, or the whole part). Returns (a, b, typed)."""
    a = mine_with(new_page, base_url, "一", "二", "三")
    add_own(a, 1, "甲")
    add_own(a, 1, "乙")
    b = deaf_tab(a, base_url) if deaf else a.context.new_page()
    if not deaf:
        b.goto(base_url + "mine.html")
    if what == "heading":
        box, typed = open_rename(b, 1), "二(乙改)"
    else:
        b.locator(".wp-part").nth(1).locator(".wp-entry").nth(1).get_by_role("button", name="改写").click()
        box, typed = editor(b).locator("textarea"), "乙措施\n改过的说法"
    box.fill(typed)
    if what == "measure":
        a.locator(".wp-part").nth(1).locator(".wp-entry").nth(1).get_by_role("button", name="移除").click()
    else:
        a.locator(".wp-part").nth(1).get_by_role("button", name="移除本节").click()
    expect(a.locator(".wp-undo")).to_contain_text("已移除")
    heard(b, a)
    return a, b, box, typed


@pytest.mark.parametrize("what, deaf", [("heading", False), ("measure", False), ("measure-part", False),
                                        ("heading", True)],
                         ids=["heading", "measure", "part-of-measure", "heading-deaf-tab"])
def test_typed_text_survives_another_tab_removing_what_is_edited(new_page, base_url, what, deaf):
    a, b, box, typed = two_tabs_editing(new_page, base_url, what, deaf)
    if deaf:  # this tab has not heard: saving finds the part gone
        box.press("Enter")
    else:  # the list drawn again without the part: the editor stays, still typed into
        expect(b.locator(".wp-part")).to_have_count(2 if what != "measure" else 3)
        expect(box).to_be_focused()
    gone = editor(b).locator(".wp-inline-gone")
    expect(gone).to_be_visible()
    expect(gone).to_contain_text("另一个标签页移除了" + ("这项措施" if what == "measure" else "这一节"))
    expect(box).to_have_value(typed)
    back = "放回这项措施" if what == "measure" else "放回这一节"
    gone.get_by_role("button", name=back).click()
    expect(editor(b)).to_have_count(0)
    assert b.evaluate("document.activeElement !== document.body")
    want_titles = ["一", typed if what == "heading" else "二", "三"]
    want_own = ["甲", "乙" if what == "heading" else typed]
    for tab in (b, a):
        if tab is a:
            heard(a, b)
            a.reload()
        expect(tab.locator(".wp-part-title")).to_have_text(want_titles)
        saved = saved_mine(tab)["parts"]
        assert [p["title"] for p in saved] == want_titles
        assert [o["text"] for o in saved[1]["own"]] == want_own


def test_typed_text_can_be_copied_or_dropped_after_another_tab_removed_its_part(new_page, base_url):
    a, b, box, typed = two_tabs_editing(new_page, base_url, "measure-part")
    gone = editor(b).locator(".wp-inline-gone")
    b.bring_to_front()
    gone.get_by_role("button", name="复制文字").click()
    expect(b.locator(".wp-toast")).to_have_text("已复制你输入的文字。")
    assert b.evaluate("navigator.clipboard.readText()") == typed
    expect(box).to_have_value(typed)  # still open
    gone.get_by_role("button", name="放弃我的改动").click()
    expect(editor(b)).to_have_count(0)
    expect(b.locator("#mine-parts")).to_be_focused()
    assert [p["title"] for p in saved_mine(b)["parts"]] == ["一", "三"]


def test_the_editor_goes_back_in_place_when_the_other_tab_undoes_the_removal(new_page, base_url):
    a, b, box, typed = two_tabs_editing(new_page, base_url, "heading")
    expect(editor(b).locator(".wp-inline-gone")).to_be_visible()
    a.locator(".wp-undo").get_by_role("button", name="撤销").click()
    expect(a.locator(".wp-part")).to_have_count(3)
    heard(b, a)
    expect(b.locator(".wp-part").nth(1).locator("[data-wp-editing]")).to_have_count(1)
    expect(editor(b).locator(".wp-inline-gone")).to_be_hidden()
    expect(box).to_have_value(typed)
    expect(box).to_be_focused()
    box.press("Enter")  # an ordinary save now
    expect(editor(b)).to_have_count(0)
    expect(b.locator(".wp-part-title")).to_have_text(["一", typed, "三"])
    assert [p["title"] for p in saved_mine(b)["parts"]] == ["一", typed, "三"]


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_the_removed_notice_passes_axe_at_phone_width(new_page, base_url, axe_source, scheme):
    from test_quality import axe
    a, b, box, typed = two_tabs_editing(new_page, base_url, "heading")
    b.set_viewport_size({"width": 390, "height": 844})
    b.evaluate("s => document.body.setAttribute('data-md-color-scheme', s)", scheme)
    expect(editor(b).locator(".wp-inline-gone")).to_be_visible()
    b.evaluate("document.getAnimations().forEach(t => t.finish())")  # colours not caught mid-change
    assert b.evaluate("document.documentElement.scrollWidth") <= 390
    problems = axe(b, axe_source, f"mine.html, 另一个标签页移除了这一节 ({scheme})")
    assert problems == [], "\n".join(problems)


# ---------------------------------------------------------------- long text

def test_long_text_comes_back_whole_on_every_path(new_page, base_url):
    page = new_page(**CONTEXT)
    seed(page, base_url, {})
    page.locator("#wp-new-part").fill(HEADING)
    page.locator("#wp-new-part").press("Enter")
    expect(page.locator(".wp-part")).to_have_count(1)
    add_own(page, 0, MEASURE)
    own_part(page, "二")
    add_own(page, 1, "短的")
    page.locator(".wp-part").nth(1).locator(".wp-entry").first.get_by_role("button", name="改写").click()
    editor(page).locator("textarea").fill(MEASURE + "改")
    editor(page).get_by_role("button", name="保存").click()
    box = open_rename(page, 1)
    box.fill(HEADING + "二")
    box.press("Enter")
    page.locator("#wp-mine-unit").fill(HEADING)
    page.reload()
    expect(page.locator(".wp-part")).to_have_count(2)
    assert titles(page) == [HEADING, HEADING + "二"]
    words = page.locator(".wp-entry-words").all_inner_texts()
    assert words == [MEASURE, MEASURE + "改"]
    assert page.locator("#wp-mine-unit").input_value() == HEADING
    assert len(MEASURE) == 5000 and len(HEADING) == 1000 and EMOJI in MEASURE and EMOJI in HEADING

    page.goto(base_url + "plans/relationship-manager.html")
    field = page.locator("input.wp-input").first
    field.fill(MEASURE)
    page.reload()
    assert page.locator("input.wp-input").first.input_value() == MEASURE


# ---------------------------------------------------------------- undo

def test_a_cleared_header_value_can_be_undone(new_page, base_url):
    page = new_page(**CONTEXT)
    seed(page, base_url, {})
    name = page.locator("#wp-mine-name")
    name.fill("张三")
    name.press("Tab")
    name.fill("")
    name.press("Tab")
    bar = page.locator(".wp-undo")
    expect(bar).to_contain_text("已清空“姓名”")
    expect(page.locator("#wp-mine-unit")).to_be_focused()  # the keyboard went where the person went
    assert saved_mine(page)["header"] == {}
    bar.get_by_role("button", name="撤销").click()
    expect(name).to_have_value("张三")
    assert saved_mine(page)["header"] == {"name": "张三"}
    page.reload()
    expect(page.locator("#wp-mine-name")).to_have_value("张三")


def test_undo_after_an_edit_still_puts_the_removed_things_back(new_page, base_url):
    """An editor's save reads storage afresh; 撤销 of an earlier removal works on what is held now."""
    page = mine_with(new_page, base_url, "一", "二", "三")
    add_own(page, 0, "甲措施")
    add_own(page, 0, "乙措施")
    page.locator(".wp-part").nth(1).get_by_role("button", name="移除本节").click()
    box = open_rename(page, 1)
    box.fill("三改")
    box.press("Enter")
    page.locator(".wp-undo").get_by_role("button", name="撤销").click()
    expect(page.locator(".wp-part-title")).to_have_text(["一", "二", "三改"])
    page.locator(".wp-entry").first.get_by_role("button", name="移除").click()
    box = open_rename(page, 0)
    box.fill("一改")
    box.press("Enter")
    page.locator(".wp-undo").get_by_role("button", name="撤销").click()
    expect(page.locator(".wp-part").first.locator(".wp-entry-words")).to_have_text(["甲措施", "乙措施"])
    assert [p["title"] for p in saved_mine(page)["parts"]] == ["一改", "二", "三改"]
    assert [o["text"] for o in saved_mine(page)["parts"][0]["own"]] == ["甲措施", "乙措施"]


def test_reset_on_a_plan_page_is_undone_exactly_and_a_second_press_resets_nothing(new_page, base_url):
    page = new_page(**CONTEXT)
    dialogs = no_dialogs(page)
    page.goto(base_url + "plans/relationship-manager.html")
    boxes = page.locator(".wp-item > input.wp-check")
    boxes.nth(0).check()
    boxes.nth(2).check()
    page.locator("input.wp-input").first.fill("三个月")
    before = saved_groups(page, "relationship-manager")
    reset = page.locator(".wp-tools--plan").get_by_role("button", name="重置本计划")
    reset.focus()
    page.keyboard.press("Enter")
    bar = page.locator(".wp-undo")
    expect(bar).to_contain_text("已清除")
    expect(bar.get_by_role("button", name="撤销")).to_be_focused()
    assert page.locator("input.wp-check:checked").count() == 0
    assert saved_groups(page, "relationship-manager")["items"] == {}
    page.keyboard.press("Enter")  # the same key again: puts everything back
    expect(bar).to_be_hidden()
    expect(reset).to_be_focused()
    after = saved_groups(page, "relationship-manager")
    assert {k: after[k] for k in ("items", "fields")} == {k: before[k] for k in ("items", "fields")}
    page.reload()
    assert page.locator("input.wp-check:checked").count() == 2
    assert page.locator("input.wp-input").first.input_value() == "三个月"
    assert dialogs == []


def test_a_cleared_track_is_undone(new_page, base_url):
    page = new_page(**CONTEXT)
    page.goto(base_url + "index.html")
    href = page.locator("a[href*='tracks/']").first.get_attribute("href")
    page.goto(base_url + href.lstrip("./"))
    steps = page.locator("input.wp-step-check")
    steps.nth(0).check()
    steps.nth(1).check()
    text = page.locator(".wp-track-head .wp-progress-text")
    expect(text).to_contain_text("已完成 2/")
    page.get_by_role("button", name="重置进度").click()
    expect(text).to_contain_text("已完成 0/")
    expect(page.get_by_role("button", name="撤销")).to_be_focused()
    page.keyboard.press("Enter")
    expect(text).to_contain_text("已完成 2/")
    page.reload()
    expect(text).to_contain_text("已完成 2/")


def test_unpicking_a_section_on_a_plan_page_is_undone_and_picking_again_brings_back_the_wording(
        new_page, base_url, collection):
    teller = collection.plan("teller")
    sections = [s for s in teller.sections() if s.measures][:2]
    page = new_page(**CONTEXT)
    dialogs = no_dialogs(page)
    seed(page, base_url, {})
    own_part(page, "之前")
    page.goto(base_url + "plans/teller.html")
    for s in sections:
        page.locator(f"[data-section='{s.id}'] .wp-pick").click()
        expect(page.locator(f"[data-section='{s.id}'] .wp-pick")).to_have_text("移出我的计划")
    page.goto(base_url + "mine.html")
    part = page.locator(".wp-part").nth(1)
    part.locator(".wp-entry").first.get_by_role("button", name="改写").click()
    editor(page).locator("textarea").fill("我改写的措施")
    editor(page).locator("textarea").press("Control+Enter")
    add_own(page, 1, "我自己的措施")
    box = open_rename(page, 1)
    box.fill("我的标题")
    box.press("Enter")
    expect(page.locator(".wp-part-title").nth(1)).to_have_text("我的标题")
    before = saved_mine(page)["parts"]

    page.goto(base_url + "plans/teller.html")
    button = page.locator(f"[data-section='{sections[0].id}'] .wp-pick")
    button.click()  # at once, no question
    expect(page.locator(".wp-undo")).to_contain_text("撤销")
    expect(button).to_have_text("加入我的计划")
    assert [p["title"] for p in saved_mine(page)["parts"]] == ["之前", ""]
    page.locator(".wp-undo").get_by_role("button", name="撤销").click()
    expect(button).to_have_text("移出我的计划")
    assert saved_mine(page)["parts"] == before  # adapted wording, own measures, heading, place

    button.click()
    expect(button).to_have_text("加入我的计划")
    button.click()  # picked again later in the visit
    expect(button).to_have_text("移出我的计划")
    again = saved_mine(page)["parts"]
    assert [(p["title"], p["items"], p["own"]) for p in again] == [(p["title"], p["items"], p["own"]) for p in before]
    assert dialogs == []


def item_button(page, item_id):
    return page.locator(f"[id='{item_id}'] > .wp-pick--item")


@pytest.mark.parametrize("case", ["one-of-three", "the-only-one"])
def test_unpicking_one_measure_on_a_plan_page_is_undone_exactly(new_page, base_url, collection, case):
    """Un-picking a measure with its "+" offers 撤销, which puts back its adapted wording in its place;
    when it was the part's only measure (the part went with it), the part's heading comes back too."""
    section = next(s for s in collection.plan("teller").sections() if s.measures and len(s.measures.items) >= 3)
    ids = [it.id for it in section.measures.items]
    page = new_page(**CONTEXT)
    seed(page, base_url, {})
    own_part(page, "之前")
    page.goto(base_url + "plans/teller.html")
    if case == "one-of-three":
        page.locator(f"[data-section='{section.id}'] .wp-pick").click()
        expect(page.locator(f"[data-section='{section.id}'] .wp-pick")).to_have_text("移出我的计划")
        target, at = ids[1], 1
    else:
        item_button(page, ids[1]).click()
        target, at = ids[1], 0
    expect(item_button(page, target)).to_have_attribute("aria-pressed", "true")
    page.goto(base_url + "mine.html")
    part = page.locator(".wp-part").nth(1)
    part.locator(".wp-entry").nth(at).get_by_role("button", name="改写").click()
    editor(page).locator("textarea").fill("我改写的这一项")
    editor(page).locator("textarea").press("Control+Enter")
    box = open_rename(page, 1)
    box.fill("我的标题")
    box.press("Enter")
    expect(page.locator(".wp-part-title").nth(1)).to_have_text("我的标题")
    own_part(page, "之后")
    before = saved_mine(page)["parts"]
    assert before[1]["items"][at]["edit"] == "我改写的这一项"

    page.goto(base_url + "plans/teller.html")
    button = item_button(page, target)
    expect(button).to_have_attribute("aria-pressed", "true")
    button.focus()
    page.keyboard.press("Enter")
    bar = page.locator(".wp-undo")
    expect(bar).to_contain_text("我改写的这一项")
    expect(bar.get_by_role("button", name="撤销")).to_be_focused()
    expect(button).to_have_attribute("aria-pressed", "false")
    after = saved_mine(page)["parts"]
    if case == "one-of-three":
        assert [it["id"] for it in after[1]["items"]] == [i for i in ids if i != target]
    else:
        assert [p["title"] for p in after] == ["之前", "之后"]
    page.keyboard.press("Enter")  # the same key again: puts it back, takes nothing more out
    expect(bar).to_be_hidden()
    expect(button).to_have_attribute("aria-pressed", "true")
    expect(button).to_be_focused()
    assert saved_mine(page)["parts"] == before
    page.goto(base_url + "mine.html")
    expect(page.locator(".wp-part-title")).to_have_text(["之前", "我的标题", "之后"])
    expect(page.locator(".wp-part").nth(1).locator(".wp-entry-words").nth(at)).to_have_text("我改写的这一项")


# Every way a person can remove or reset something they made, on every page: (page, the control
# that removes, what the control is). "field" is a header value emptied and left; the rest are
# buttons pressed with Enter.
REMOVALS = {
    "mine-picked-part": ("mine.html", lambda p: p.locator(".wp-part").nth(0).get_by_role("button", name="移除本节")),
    "mine-own-section": ("mine.html", lambda p: p.locator(".wp-part").nth(1).get_by_role("button", name="移除本节")),
    "mine-picked-measure": ("mine.html", lambda p: p.locator(".wp-part").nth(0).locator(".wp-entry").nth(1)
                            .get_by_role("button", name="移除", exact=True)),
    "mine-own-measure": ("mine.html", lambda p: p.locator(".wp-part").nth(0).locator(".wp-entry").last
                         .get_by_role("button", name="移除", exact=True)),
    "mine-original-wording": ("mine.html", lambda p: p.locator(".wp-part").nth(0).locator(".wp-entry").nth(0)
                              .get_by_role("button", name="恢复原文")),
    "mine-header-value": ("mine.html", lambda p: p.locator("#wp-mine-name")),
    "mine-deleted-value": ("mine.html", lambda p: p.locator(".wp-gone[data-gone='field'] button[data-gone]")),
    "mine-deleted-sub-measure": ("mine.html", lambda p: p.locator(".wp-gone[data-gone='sub'] button[data-gone]")),
    "plan-reset": ("plans/teller.html", lambda p: p.locator(".wp-tools--plan").get_by_role("button", name="重置本计划")),
    "plan-unpick-section": ("plans/teller.html", lambda p: p.locator(".wp-pick--section[data-state='all']")),
    "plan-unpick-measure": ("plans/teller.html", lambda p: p.locator(".wp-pick--item[aria-pressed='true']").nth(1)),
    "plan-deleted-values": ("plans/teller.html", lambda p: p.locator(".wp-leftover button[data-gone='remove']").first),
    "track-reset": ("track", lambda p: p.get_by_role("button", name="重置进度")),
}
GONE_EXTRAS = """() => {
    const m = WP.mine.open(), st = m.read().state, it = st.parts[0].items[0];
    it.fields = (it.fields || []).concat([{id: 'old-field', label: '旧填空', placeholder: '__', unit: '次'}]);
    it.sub = (it.sub || []).concat([{id: 'old-sub', text: '旧的下级措施'}]);
    if (m.write(st)) throw new Error('not saved');
    const s = WP.store.open('teller'), r = s.read();
    r.items['old-sub'] = true; r.fields['old-field'] = '旧值';
    if (s.write(r)) throw new Error('not saved');
}"""


def made_things(page, base_url, collection):
    """A plan with one of everything a person makes: a picked section of teller (one wording adapted,
    an own measure, values of a measure and a sub-measure the template has since deleted, a tick, a
    value) and a section of one's own, a header value. Returns where a track's page is."""
    section = next(s for s in collection.plan("teller").sections() if s.measures and len(s.measures.items) >= 3)
    seed(page, base_url, {})
    page.locator("#wp-mine-name").fill("张三")
    page.goto(base_url + "plans/teller.html")
    page.locator(f"[data-section='{section.id}'] .wp-pick").click()
    expect(page.locator(f"[data-section='{section.id}'] .wp-pick")).to_have_text("移出我的计划")
    page.locator(".wp-item > input.wp-check").first.check()
    page.goto(base_url + "mine.html")
    page.locator(".wp-part").first.locator(".wp-entry").first.get_by_role("button", name="改写").click()
    editor(page).locator("textarea").fill("我改写的措施")
    editor(page).locator("textarea").press("Control+Enter")
    add_own(page, 0, "我自己的措施")
    own_part(page, "自己的章节")
    add_own(page, 1, "章节里的措施")
    page.evaluate(GONE_EXTRAS)
    page.goto(base_url + "index.html")
    return page.locator("a[href*='tracks/']").first.get_attribute("href").lstrip("./")


def everything(page):
    """What is saved, without revisions or times: 我的计划, teller's ticks and values, every track."""
    items = page.evaluate("Object.keys(localStorage)")
    tracks = sorted(k[len("wp:v1:"):] for k in items if k.startswith("wp:v1:track:"))
    groups = {n: {g: v for g, v in (saved_groups(page, n) or {}).items() if g != "saved"} for n in ["teller", *tracks]}
    return saved_mine(page), groups


@pytest.mark.parametrize("what", list(REMOVALS))
def test_every_removal_offers_undo_and_a_double_press_removes_one_thing(new_page, base_url, collection, what):
    where, control = REMOVALS[what]
    page = new_page(**CONTEXT)
    track = made_things(page, base_url, collection)
    page.goto(base_url + (track if where == "track" else where))
    if where == "track":
        steps = page.locator("input.wp-step-check")
        steps.nth(0).check()
        steps.nth(1).check()
    expect(control(page)).to_be_visible()
    before = everything(page)
    undo = page.get_by_role("button", name="撤销", exact=True)

    def remove(times):
        if what == "mine-header-value":  # emptied and left: the keyboard goes where the person went
            control(page).focus()
            page.keyboard.press("Control+a")
            page.keyboard.press("Delete")
            page.keyboard.press("Tab")
            return
        control(page).focus()
        for _ in range(times):
            page.keyboard.press("Enter")

    remove(1)
    expect(undo).to_be_visible()
    assert everything(page) != before, "nothing was removed"
    if what == "mine-header-value":
        undo.click()
    else:
        expect(undo).to_be_focused()
        page.keyboard.press("Enter")  # the same key again puts it back
    expect(undo).to_be_hidden()
    assert everything(page) == before

    if what == "mine-header-value":
        return  # a box emptied twice is emptied once
    remove(2)  # two presses at once: one thing out at most, and 撤销 puts it back
    page.wait_for_timeout(600)
    if undo.is_visible():
        undo.click()
        expect(undo).to_be_hidden()
    assert everything(page) == before
    page.reload()
    assert everything(page) == before


# ---------------------------------------------------------------- keyboard

def test_the_editor_from_the_keyboard_alone(new_page, base_url):
    page = mine_with(new_page, base_url, "一")
    add_own(page, 0, "措施")
    rename = page.locator(".wp-part").first.get_by_role("button", name="改标题")
    rename.focus()
    page.keyboard.press("Enter")
    expect(editor(page).locator("input")).to_be_focused()
    page.keyboard.type("改")
    page.keyboard.press("Escape")  # nothing written
    expect(editor(page)).to_have_count(0)
    expect(rename).to_be_focused()
    assert titles(page) == ["一"]
    page.keyboard.press("Enter")
    page.keyboard.type("二")
    page.keyboard.press("Enter")
    expect(page.locator(".wp-part-title")).to_have_text(["一二"])
    expect(page.locator(".wp-part").first.get_by_role("button", name="改标题")).to_be_focused()

    reword = page.locator(".wp-entry").first.get_by_role("button", name="改写")
    reword.focus()
    page.keyboard.press("Enter")
    area = editor(page).locator("textarea")
    expect(area).to_be_focused()
    expect(editor(page)).to_have_attribute("data-wp-editing", "measure")
    page.keyboard.type("甲")
    page.keyboard.press("Enter")  # a new line, not a save
    page.keyboard.type("乙")
    expect(area).to_have_value("措施甲\n乙")
    page.keyboard.press("Tab")
    expect(editor(page).get_by_role("button", name="保存")).to_be_focused()
    page.keyboard.press("Enter")
    expect(editor(page)).to_have_count(0)
    expect(page.locator(".wp-entry").first.get_by_role("button", name="改写")).to_be_focused()
    assert saved_mine(page)["parts"][0]["own"][0]["text"] == "措施甲\n乙"


def shortcut_keys_stay(page, box, url):
    box.focus()
    before = box.input_value()
    page.keyboard.type("pn.,s")
    assert page.url == url
    assert box.input_value() == before + "pn.,s"
    assert not page.evaluate("document.getElementById('__search').checked")


def test_theme_shortcuts_do_not_fire_while_typing(new_page, base_url):
    page = new_page(**CONTEXT)
    seed(page, base_url, {})
    page.goto(base_url + "plans/relationship-manager.html")
    page.locator(".wp-measures .wp-pick--item").first.click()  # a measure (the goals' targets come first)
    expect(page.locator(".wp-measures .wp-pick--item").first).to_have_attribute("aria-pressed", "true")
    page.goto(base_url + "mine.html")
    own_part(page, "一")
    add_own(page, 1, "措施")
    url = page.url
    boxes = [page.locator(f"#wp-mine-{k}") for k in ("name", "unit", "role")]
    boxes += [page.locator("#wp-new-part"), page.locator(".wp-add-own input").first]
    boxes += page.locator(".wp-part input.wp-input").all()
    for box in boxes:
        shortcut_keys_stay(page, box, url)
    page.locator(".wp-part").nth(1).get_by_role("button", name="改标题").click()
    shortcut_keys_stay(page, editor(page).locator("input"), url)
    editor(page).get_by_role("button", name="取消").click()
    page.locator(".wp-part").nth(1).locator(".wp-entry").first.get_by_role("button", name="改写").click()
    area = editor(page).locator("textarea")
    shortcut_keys_stay(page, area, url)
    # another tab ticks something: the list is drawn again, the keyboard stays in the editor
    other = page.context.new_page()
    other.goto(base_url + "mine.html")
    other.locator(".wp-part input.wp-check").first.check()
    expect(page.locator(".wp-part input.wp-check").first).to_be_checked()
    page.keyboard.type("p")
    assert page.url == url
    expect(area).to_have_value("措施pn.,sp")
