"""The book's build system: configuration, pins, offline charts, and a real build.

The last test builds a small book with the project's own _config.yml in a
temporary folder (about 15 s): a page in a sub-subfolder shows a plotly chart
and an ipywidgets slider, and the HTML must draw the chart from the one local
copy of plotly.js and load nothing from another site.
"""

from __future__ import annotations

import doctest
import filecmp
import re
import shutil
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import nbformat
import plotly.express as px
import plotly.io as pio
import pytest
import yaml
from myst_nb.core.render import MimeData, get_mime_priority
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from august1956.sphinxext import offline, plotly_mime, readings, widget_note
from august1956.sphinxext.plotly_mime import PLOTLY_MIME, PlotlyMimeRenderer
from august1956.text.corpus import load

ROOT = Path(__file__).resolve().parents[1]
JUPYTER_BOOK = Path(sys.executable).with_name("jupyter-book")


def read_yaml(name: str) -> dict:
    return yaml.safe_load((ROOT / name).read_text(encoding="utf-8"))


def pins(name: str) -> dict[str, str]:
    """``{canonical name: version}`` for every ``name==version`` line of a requirements file."""
    found = {}
    for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith("-"):
            continue
        requirement = Requirement(line)
        (spec,) = requirement.specifier
        assert spec.operator == "==", f"{name}: {line!r} is not pinned with =="
        found[canonicalize_name(requirement.name)] = spec.version
    return found


def toc_files(toc: dict) -> list[str]:
    """Every ``file:`` of a jb-book table of contents, root first."""
    files = [toc["root"]]
    entries = list(toc.get("chapters", []))
    for part in toc.get("parts", []):
        entries += part.get("chapters", [])
    while entries:
        entry = entries.pop(0)
        if "file" in entry:
            files.append(entry["file"])
        entries += entry.get("sections", [])
    return files


# --- configuration -------------------------------------------------------------


def test_every_toc_entry_is_a_page_of_the_book():
    missing = [
        name
        for name in toc_files(read_yaml("_toc.yml"))
        if not any((ROOT / f"{name}{ext}").is_file() for ext in (".md", ".ipynb"))
    ]
    assert not missing, f"_toc.yml lists pages that do not exist: {missing}"


def test_config_executes_every_notebook_and_builds_only_the_toc():
    config = read_yaml("_config.yml")
    assert config["title"] == "August 1956: a computational companion"
    assert config["only_build_toc_files"] is True
    assert config["execute"]["execute_notebooks"] in {"force", "cache"}
    assert config["execute"]["timeout"] > 0
    for pattern in (".venv", "_build", "data", "tests", "reports", "README.md", "src"):
        assert pattern in config["exclude_patterns"], pattern
    for bib in config["bibtex_bibfiles"]:
        assert (ROOT / bib).is_file(), bib
    assert "august1956.sphinxext.offline" in config["sphinx"]["extra_extensions"]
    # myst-nb's default loads widget JavaScript from two CDNs.
    assert config["sphinx"]["config"]["nb_ipywidgets_js"] == {}
    # The launch buttons open a release (home.toml's ref), never a moving branch.
    assert config["repository"]["branch"] not in {"main", "master"}


def test_static_folder_holds_no_javascript():
    # Jupyter Book adds every .js in a static folder to every page.
    static = ROOT / "book" / "_static"
    assert not list(static.rglob("*.js")), "keep JavaScript out of book/_static"


def test_every_stylesheet_in_the_static_folder_reaches_the_pages():
    listed = set(read_yaml("_config.yml")["sphinx"]["config"]["html_css_files"])
    present = {p.name for p in (ROOT / "book" / "_static").glob("*.css")}
    assert present <= listed, f"add to html_css_files in _config.yml: {present - listed}"


def test_make_book_treats_warnings_as_errors():
    dry_run = subprocess.run(
        ["make", "-n", "book"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    build = [line for line in dry_run.splitlines() if "jupyter-book build" in line]
    assert build and "-W" in build[0].split() and "--all" in build[0].split()


# --- pins --------------------------------------------------------------------------


def test_jupyter_book_is_pinned_below_version_2():
    assert Version(pins("requirements.txt")["jupyter-book"]).major == 1


def test_pins_satisfy_the_library_dependency_ranges():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pinned = pins("requirements.txt")
    for line in project["dependencies"]:
        requirement = Requirement(line)
        name = canonicalize_name(requirement.name)
        assert name in pinned, f"{name} is a dependency in pyproject.toml but not pinned"
        assert requirement.specifier.contains(pinned[name]), (
            f"requirements.txt pins {name}=={pinned[name]}, outside pyproject's {line!r}"
        )


def test_ipykernel_stays_below_7():
    assert Version(pins("requirements.txt")["ipykernel"]).major == 6


def test_requirements_install_the_library_itself_last():
    lines = [ln for ln in (ROOT / "requirements.txt").read_text().splitlines() if ln.strip()]
    assert lines[-1] == "-e ."


def test_constraints_agree_with_the_pins():
    constrained = pins("constraints.txt")
    for name in ("requirements.txt", "requirements-dev.txt"):
        for package, version in pins(name).items():
            assert constrained.get(package) == version, f"{name}: {package} {version}"


def test_installed_versions_are_the_pinned_ones():
    pinned = pins("requirements.txt") | pins("requirements-dev.txt")
    drift = {
        name: (version, metadata.version(name))
        for name, version in pinned.items()
        if metadata.version(name) != version
    }
    assert not drift, f"installed != pinned (run `make book` to reinstall): {drift}"


# --- the plotly mime renderer --------------------------------------------------------


class RecordingLogger:
    def __init__(self):
        self.warnings = []

    def warning(self, message, **kwargs):
        self.warnings.append(message)


class FakeRenderer:
    """Stands in for myst-nb's NbElementRenderer: the plugin only uses its logger."""

    def __init__(self):
        self.logger = RecordingLogger()


def kernel_bundle(fig) -> dict:
    """What an ipykernel displays for the figure under the build's renderer."""
    return pio.renderers[offline.PLOTLY_RENDERER].to_mimebundle(fig.to_dict())


def render(fig):
    renderer = FakeRenderer()
    bundle = kernel_bundle(fig)
    data = MimeData(PLOTLY_MIME, bundle[PLOTLY_MIME], cell_index=3, output_index=0)
    nodes = PlotlyMimeRenderer.handle_mime(renderer, data, False)
    return nodes, renderer.logger.warnings


def test_the_build_renderer_emits_only_the_plotly_json():
    fig = px.bar(x=["June", "July"], y=[4, 9], title="Talks per month")
    assert list(kernel_bundle(fig)) == [PLOTLY_MIME]


def test_a_plotly_figure_becomes_a_labelled_div_drawn_by_plotly():
    fig = px.bar(x=["June", "July", "August"], y=[4, 9, 6], title="Talks <b>per</b> month")
    nodes, warnings = render(fig)
    (node,) = nodes
    html = node.astext()
    assert plotly_mime.CHART_CLASS in node["classes"]
    assert re.search(r'<div id="plotly-[0-9a-f]{12}" class="plotly-graph-div" role="figure"', html)
    assert 'aria-label="Talks per month"' in html
    assert "Plotly.newPlot(div, spec.data, spec.layout, spec.config)" in html
    assert '"x": ["June", "July", "August"]' in html
    assert "<noscript>" in html and not warnings


def test_a_description_in_layout_meta_wins_over_the_title():
    fig = px.line(x=[1, 2], y=[3, 1], title="Talks")
    fig.update_layout(meta={"alt": "Line chart: talks fell from 3 to 1"})
    (node,), _ = render(fig)
    assert 'aria-label="Line chart: talks fell from 3 to 1"' in node.astext()


def test_a_chart_without_title_or_description_is_reported():
    nodes, warnings = render(px.scatter(x=[1], y=[2]))
    assert nodes and warnings and "meta={'alt'" in warnings[0]


def test_labels_cannot_break_out_of_the_page_markup():
    fig = px.bar(x=["</script><script>alert(1)</script>"], y=[1], title='Say "hi" & <i>bye</i>')
    (node,), _ = render(fig)
    html = node.astext()
    assert html.count("</script>") == 2  # the spec's and the drawing script's own
    assert 'aria-label="Say &quot;hi&quot; &amp; bye"' in html


def test_a_charts_source_is_printed_under_it_as_text():
    """The note the book's charts carry under the plot leaves the figure on the page, and
    with it the room the figure kept for it; the plot keeps its height."""
    import json

    from august1956.chapters import charts

    fig = charts.finish(px.bar(x=["June"], y=[4]), title="Talks", alt="a", source="the corpus")
    assert fig.layout.annotations[-1].name == plotly_mime.SOURCE_NOTE  # the two agree
    (node,), _ = render(fig)
    html = node.astext()
    assert '<p class="august1956-chart-source">Source: the corpus</p>' in html
    layout = json.loads(re.search(r'-spec">(.*?)</script>', html).group(1))["layout"]
    assert not layout.get("annotations")
    kept = charts.SOURCE_LINE_PX + 8  # one line of note and its gap, no more
    assert (layout["height"], layout["margin"]["b"]) == (420 - kept, charts.SOURCE_PX)
    assert "Source:" not in html.split("august1956-chart-source")[0]


def test_a_broken_plotly_output_is_reported_not_drawn():
    renderer = FakeRenderer()
    data = MimeData(PLOTLY_MIME, {"layout": {}})
    assert PlotlyMimeRenderer.handle_mime(renderer, data, False) == []
    assert '"data"' in renderer.logger.warnings[0]


def test_html_builds_prefer_the_plotly_json_and_latex_ignores_it():
    html_order = get_mime_priority("html", [])
    assert html_order.index(PLOTLY_MIME) < html_order.index("text/html")
    assert PLOTLY_MIME not in get_mime_priority("latex", [])


@pytest.mark.parametrize("module", [plotly_mime, widget_note, offline])
def test_docstring_examples(module):
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


# --- a real build ----------------------------------------------------------------------


def chart_notebook() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nb.cells = [
        nbformat.v4.new_markdown_cell("# A chart page\n\nOne chart and one slider."),
        nbformat.v4.new_code_cell(
            "import plotly.express as px\n"
            "px.bar(x=['June', 'July', 'August'], y=[4, 9, 6], title='Talks per month')"
        ),
        nbformat.v4.new_code_cell("import ipywidgets\nipywidgets.IntSlider(value=3)"),
        nbformat.v4.new_markdown_cell(
            "```{exercise} Intermediate · on the web page\n:label: ex-chart-1\n\n"
            "Which month had most talks?\n```\n\n"
            "```{exercise} Advanced · in a live notebook\n:label: ex-chart-2\n\n"
            "Redraw the chart by week.\n```\n"
        ),
    ]
    return nb


@pytest.fixture(scope="module")
def built_book(tmp_path_factory) -> Path:
    """A three-page book with the project's own configuration, built with -W."""
    book = tmp_path_factory.mktemp("book")
    shutil.copy(ROOT / "_config.yml", book)
    shutil.copytree(ROOT / "book" / "_static", book / "book" / "_static")
    shutil.copy(ROOT / "book" / "references.bib", book / "book")
    # The footer's version and date (august1956.sphinxext.colophon).
    shutil.copy(ROOT / "CHANGELOG.md", book)
    (book / "book" / "intro.md").write_text(
        "# Front\n\nNo chart here {cite:p}`suh1988kim`.\n\n"
        "```{exercise} Introductory · on the web page\n:label: ex-front\n\n"
        "Who spoke first at the plenum?\n```\n\n"
        "```{solution} ex-front\n:class: dropdown\n\nAn answer kept folded.\n```\n\n"
        "Read {reading}`doc13 2-3` first.\n\n"
        "```{exercise-table}\n```\n"
    )
    # The paragraph a reading links to, as the edition's pages declare it.
    (book / "book" / "documents").mkdir()
    (book / "book" / "documents" / "doc13.md").write_text(
        "# Document No. 13\n\n(doc13-p2)=\nThe second paragraph.\n"
    )
    (book / "book" / "bibliography.md").write_text("# Works\n\n```{bibliography}\n```\n")
    (book / "book" / "part" / "deep").mkdir(parents=True)
    nbformat.write(chart_notebook(), book / "book" / "part" / "deep" / "chart.ipynb")
    (book / "_toc.yml").write_text(
        "format: jb-book\nroot: book/intro\nchapters:\n"
        "  - file: book/part/deep/chart\n  - file: book/documents/doc13\n"
        "  - file: book/bibliography\n"
    )
    result = subprocess.run(
        [str(JUPYTER_BOOK), "build", str(book), "--all", "-W", "-n", "--keep-going"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return book / "_build" / "html"


def test_the_chart_page_draws_from_the_one_local_plotly_js(built_book):
    page = (built_book / "book" / "part" / "deep" / "chart.html").read_text()
    assert 'role="figure" aria-label="Talks per month"' in page
    assert "Plotly.newPlot" in page
    tags = re.findall(r"<script[^>]*plotly\.min\.js[^>]*>", page)
    assert len(tags) == 1
    assert 'src="../../../_assets/plotly.min.js?v=' in tags[0] and "defer" in tags[0]
    asset = built_book / offline.PLOTLY_ASSET
    assert filecmp.cmp(asset, offline.plotly_js_source(), shallow=False)
    assert [p.name for p in built_book.rglob("plotly*.js")] == ["plotly.min.js"]


def test_pages_without_a_chart_do_not_load_plotly(built_book):
    for name in ("book/intro.html", "book/bibliography.html", "search.html"):
        assert "plotly.min.js" not in (built_book / name).read_text(), name


def test_the_widget_shows_a_note_and_no_page_loads_from_another_site(built_book):
    page = (built_book / "book" / "part" / "deep" / "chart.html").read_text()
    assert widget_note.NOTE_CLASS in page
    assert offline.audit_remote_assets(built_book) == {}


def test_source_maps_and_superseded_fonts_are_removed(built_book):
    assert not list(built_book.rglob("*.map"))
    assert not list(built_book.rglob("*.ttf"))
    assert list(built_book.rglob("*.woff2")), "the fonts pages do load must stay"


def test_exercises_render_with_their_solution_folded(built_book):
    page = (built_book / "book" / "intro.html").read_text()
    assert 'class="exercise admonition"' in page
    assert 'class="solution dropdown admonition"' in page


def test_exercises_are_numbered_from_one_on_each_page_with_level_and_needs(built_book):
    # Sphinx numbers exercises across the book (the chart page's would be 2 and 3).
    page = (built_book / "book" / "part" / "deep" / "chart.html").read_text()
    numbers = re.findall(r'<span class="caption-number">Exercise (\d+)', page)
    assert numbers == ["1", "2"]
    assert "Intermediate · on the web page" in page and "Advanced · in a live notebook" in page


def test_the_exercise_table_lists_every_exercise_in_book_order(built_book):
    page = (built_book / "book" / "intro.html").read_text()
    table = page[page.index('class="exercise-overview') :]
    table = table[: table.index("</table>")]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", table, flags=re.S)[1:]
    cells = [
        [
            re.sub(r"<[^>]+>", "", c).strip()
            for c in re.findall(r"<td[^>]*>(.*?)</td>", r, flags=re.S)
        ]
        for r in rows
    ]
    assert cells == [
        ["Front, exercise 1", "Introductory", "web page"],
        ["A chart page, exercise 1", "Intermediate", "web page"],
        ["A chart page, exercise 2", "Advanced", "live notebook"],
    ]
    assert 'href="#ex-front"' in table and 'href="part/deep/chart.html#ex-chart-2"' in table


def test_a_reading_links_its_first_paragraph_and_says_its_length(built_book):
    page = (built_book / "book" / "intro.html").read_text()
    paragraphs = load().paragraphs
    doc13 = paragraphs[(paragraphs["unit"] == "doc13") & paragraphs["number"].isin([2, 3])]
    words = int(doc13["text"].str.split().str.len().sum())
    found = re.search(
        r'<span class="reading">(.*?)</a>\s*\((about [\d,]+ words)\)</span>', page, re.S
    )
    assert found, "no reading on the page"
    assert "Document No. 13, ¶2–3" in found[1] and "#doc13-p2" in found[1]
    assert found[2] == readings.about(words)


def test_each_script_tag_appears_once_per_page(built_book):
    # A repeated inline `const` declaration is a SyntaxError in the browser.
    page = (built_book / "book" / "intro.html").read_text()
    tags = re.findall(r"<script[^>]*>.*?</script>", page, flags=re.S)
    assert tags and len(tags) == len(set(tags))


@pytest.mark.slow
def test_the_student_edition_has_the_exercises_and_no_solution():
    result = subprocess.run(
        ["make", "book-student"], cwd=ROOT, capture_output=True, text=True, timeout=1800
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    pages = sorted((ROOT / "_build" / "student" / "_build" / "html" / "book").glob("*.html"))
    assert len(pages) >= 10
    with_solutions = [p.name for p in pages if 'class="solution' in p.read_text("utf-8")]
    assert not with_solutions, with_solutions
    assert sum(">Exercise" in p.read_text("utf-8") for p in pages) >= 10
