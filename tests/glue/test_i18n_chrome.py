"""The ow-i18n-fixes plugin's HTML rewrites, on small inputs."""
from __future__ import annotations

from owsite.i18n_fixes import chrome_html, not_found
from owsite.releases import Catalog
from pdfbook.editions import edition_of_page

MENU = ('<a href="/openstack-workflow/" hreflang="zh" class="md-select__link">'
        '<a href="/openstack-workflow/en/" hreflang="en" class="md-select__link">')


def test_the_language_menu_becomes_relative_and_marks_the_reader_s_language():
    out = chrome_html.fix_language_menu(MENU, page_url="en/", site_path="/openstack-workflow/", language="en")
    assert '<a href="../" hreflang="zh" class="md-select__link">' in out
    assert '<a href="./" hreflang="en" class="md-select__link" aria-current="true">' in out
    home = chrome_html.fix_language_menu(MENU, page_url="", site_path="/openstack-workflow/", language="zh")
    assert '<a href="./" hreflang="zh" class="md-select__link" aria-current="true">' in home
    assert '<a href="en/" hreflang="en" class="md-select__link">' in home


def test_alternate_links_are_dropped_and_the_search_dialog_named():
    page = ('<head>\n    <link rel="alternate" href="./" hreflang="zh">\n'
            '<div class="md-search" data-md-component="search" role="dialog">')
    out = chrome_html.name_search_dialog(chrome_html.drop_alternate_links(page), "en")
    assert "alternate" not in out
    assert 'role="dialog" aria-label="Search">' in out


def test_a_404_page_has_no_root_absolute_link_and_writes_its_subresources_after_the_base():
    page = ('<html><head><link rel="stylesheet" href="/openstack-workflow/assets/a.css">'
            '<script id="__config" type="application/json">{"base": "/openstack-workflow/"}</script>'
            '</head><body><a href="/openstack-workflow/nova/">x</a>'
            '<script src="/openstack-workflow/assets/b.js"></script></body></html>')
    out = not_found.mount_independent(page, site_path="/openstack-workflow/", top_folders=["nova", "en"])
    assert 'href="/openstack-workflow/' not in out and 'src="/openstack-workflow/' not in out
    assert out.index("<base href") < out.index("assets/a.css")
    assert '<link rel="stylesheet" href="assets/a.css">' not in out  # only inside a document.write
    assert 'document.write("<script src=\\"assets/b.js\\"><\\/script>")' in out
    assert out.index('getElementById("__config")') > out.index('id="__config"')
    assert '<a href="nova/">' in out


def test_book_names_follow_the_release_series():
    catalog = Catalog.load()
    assert edition_of_page(catalog, "nova/pause.md").file_name("zh") == "openstack-workflow-zh.pdf"
    assert (edition_of_page(catalog, "liberty/nova/pause.md").file_name("en")
            == "openstack-workflow-liberty-en.pdf")
