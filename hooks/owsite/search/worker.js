/* ow-search worker: replaces Material's lunr worker, speaking its message protocol.
 *
 * Material's page script posts {type: 0, data: {config, docs}} once the index is
 * loaded, waits for {type: 1}, then posts {type: 2, data: query} and renders the
 * {type: 3, data: {items, total}} answers with its own result list. The index is
 * written by owsite.search: docs = [[page_url, [[anchor, title, text], ...]], ...],
 * plain text, one language per file.
 *
 * Matching: ASCII words are whole tokens (identifiers keep their underscores, and
 * are also split on "_" and camel case so NoValidHost answers "no valid host");
 * Chinese runs match as substrings of the text, so 调度 never matches 调整.
 */
"use strict";

var SECTIONS = [];   // {loc, page, title, text, lt, lx, tt, xt, top}
var CORPUS = "";     // all Chinese-bearing text, for segmenting unknown Chinese queries
var SYNONYMS = {};   // Chinese word -> other words for the same thing (热迁移 -> 在线迁移)

var WORD = /[A-Za-z0-9_]+/g;
var CJK = /[\u3400-\u9fff\uf900-\ufaff]+/g;
var HAS_CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

function stem(word) {
  var m = /^(.{3,}?)(?:ations?|ions?|ings?|ers?|ed|es|e|s)$/.exec(word);
  return m ? m[1] : word;
}

/* Every token of a text: identifiers whole, their "_" parts and camel-case parts. */
function tokens(text) {
  var out = Object.create(null);
  var words = text.match(WORD) || [];
  for (var i = 0; i < words.length; i++) {
    var word = words[i];
    var lower = word.toLowerCase();
    out[lower] = (out[lower] || 0) + 1;
    var parts = word.replace(/([a-z0-9])([A-Z])/g, "$1_$2").replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
      .toLowerCase().split("_");
    if (parts.length > 1) {
      for (var j = 0; j < parts.length; j++) {
        if (parts[j]) out[parts[j]] = (out[parts[j]] || 0) + 1;
      }
    }
  }
  return out;
}

function stems(tokenCounts) {
  var out = Object.create(null);
  for (var token in tokenCounts) out[stem(token)] = true;
  return out;
}

/* Lower case with every run of punctuation as one space: "Live-migrate" ~ "live migrate". */
function normal(text) {
  return " " + text.toLowerCase().replace(/[^a-z0-9_\u3400-\u9fff\uf900-\ufaff]+/g, " ").trim() + " ";
}

function setup(data) {
  SECTIONS = [];
  SYNONYMS = (data.config && data.config.synonyms) || {};
  var chinese = [];
  data.docs.forEach(function (page) {
    var url = page[0];
    page[1].forEach(function (section) {
      var title = section[1], text = section[2];
      var tt = tokens(title), xt = tokens(text);
      SECTIONS.push({
        loc: section[0] ? url + "#" + section[0] : url,
        page: url, top: !section[0], title: title, text: text,
        lt: title.toLowerCase(), lx: text.toLowerCase(), ln: normal(title), xn: normal(text),
        tt: tt, xt: xt, ts: stems(tt), xs: stems(xt)
      });
      if (HAS_CJK.test(title + text)) chinese.push(title, text);
    });
  });
  CORPUS = chinese.join("\n");
}

/* A Chinese run that occurs nowhere as a whole is cut into the longest pieces
 * (two characters or more) that do occur: 热迁移超时 -> 热迁移, 超时. */
function segment(run) {
  if (run.length < 3 || CORPUS.indexOf(run) >= 0) return [run];
  var out = [];
  var i = 0;
  while (i < run.length) {
    var j = run.length;
    while (j > i + 2 && CORPUS.indexOf(run.slice(i, j)) < 0) j--;
    out.push(run.slice(i, j));
    i = j;
  }
  return out;
}

function parseQuery(query) {
  var terms = [];
  var raw = query.trim();
  var parts = raw.split(/[\s=(),:;!"'/\[\]<>.\u3000、。，？！；：（）]+/);
  parts.forEach(function (part) {
    if (!part) return;
    var pieces = part.split(/([\u3400-\u9fff\uf900-\ufaff]+)/);
    pieces.forEach(function (piece) {
      if (!piece) return;
      if (HAS_CJK.test(piece)) {
        segment(piece).forEach(function (s) { terms.push({ text: s, cjk: true, alts: [s].concat(SYNONYMS[s] || []) }); });
      } else {
        (piece.match(WORD) || []).forEach(function (w) {
          var lower = w.toLowerCase();
          terms.push({ text: lower, cjk: false, stem: stem(lower), parts: Object.keys(tokens(w)) });
        });
      }
    });
  });
  var seen = Object.create(null);
  terms = terms.filter(function (t) { return seen[t.text] ? false : (seen[t.text] = true); });
  // The last word may be unfinished while the reader types: it also matches by prefix.
  if (terms.length && !/\s$/.test(query)) terms[terms.length - 1].last = true;
  return { raw: raw.toLowerCase(), phrase: normal(raw), squashed: raw.toLowerCase().replace(/[\s_\-]+/g, ""), terms: terms };
}

function count(haystack, needle) {
  var n = 0;
  for (var i = haystack.indexOf(needle); i >= 0 && n < 20; i = haystack.indexOf(needle, i + needle.length)) n++;
  return n;
}

function prefixed(tokenCounts, prefix) {
  for (var token in tokenCounts) if (token.length > prefix.length && token.indexOf(prefix) === 0) return true;
  return false;
}

/* Score of one term in one section's title and in its text; [0, 0] when it
 * does not match at all. */
function termScore(s, t) {
  if (t.cjk) {
    var best = [0, 0];
    t.alts.forEach(function (word) {
      // A title that starts with the word is about it: 暂停虚拟机 over 恢复已暂停的虚拟机.
      var title = s.lt.indexOf(word) === 0 ? 50 : s.lt.indexOf(word) > 0 ? 40 : 0;
      var n = count(s.lx, word);
      var text = n ? 4 + Math.min(n, 3) : 0;
      if (title + text > best[0] + best[1]) best = [title, text];
    });
    return best;
  }
  var inTitle = 0, inText = 0;
  if (s.tt[t.text]) inTitle = 40;
  else if (s.ts[t.stem]) inTitle = 20;
  else if (t.last && t.text.length >= 3 && prefixed(s.tt, t.text)) inTitle = 12;
  if (s.xt[t.text]) inText = 4 + Math.min(s.xt[t.text], 3);
  else if (s.xs[t.stem]) inText = 2;
  else if (t.last && t.text.length >= 3 && prefixed(s.xt, t.text)) inText = 1;
  return [inTitle, inText];
}

/* A heading that holds the whole query as a token (task_state=migrating,
 * NoValidHost, "Live migration") outranks one that only holds its words. */
function phraseScore(s, q) {
  var title = 0, text = 0;
  // A one-word Chinese query stands for its synonyms too.
  var phrases = q.terms.length === 1 && q.terms[0].cjk ? q.terms[0].alts : [q.raw];
  phrases.forEach(function (raw) {
    if (raw.length < 2) return;
    var phrase = normal(raw);
    if (s.lt === raw) title = Math.max(title, 120);
    else if (wholeIn(s.lt, raw) || (phrase.length > 3 && s.ln.indexOf(phrase) >= 0)) title = Math.max(title, 60);
    if (wholeIn(s.lx, raw) || (phrase.length > 3 && s.xn.indexOf(phrase) >= 0)) text = 6;
  });
  if (q.terms.length > 1 && q.squashed.length >= 6 && s.tt[q.squashed]) title += 60;
  else if (q.terms.length > 1 && q.squashed.length >= 6 && s.xt[q.squashed]) text += 8;
  return [title, text];
}

function wholeIn(text, phrase) {
  var i = text.indexOf(phrase);
  while (i >= 0) {
    var before = i === 0 ? "" : text.charAt(i - 1);
    var after = text.charAt(i + phrase.length);
    if (!/[a-z0-9_]/.test(before) && !/[a-z0-9_]/.test(after)) return true;
    i = text.indexOf(phrase, i + 1);
  }
  return false;
}

function escapeHtml(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function highlighter(terms) {
  var all = [];
  terms.forEach(function (t) { all = all.concat(t.alts || [t.text]); });
  var words = all.map(function (w) { return w.replace(/[|\\{}()[\]^$+*?.-]/g, "\\$&"); })
    .filter(function (w) { return w.length > 0; })
    .sort(function (a, b) { return b.length - a.length; });
  if (!words.length) return escapeHtml;
  var re = new RegExp("(" + words.join("|") + ")", "ig");
  return function (text) {
    var out = "", last = 0, m;
    re.lastIndex = 0;
    while ((m = re.exec(text))) {
      out += escapeHtml(text.slice(last, m.index)) + "<mark data-md-highlight>" + escapeHtml(m[0]) + "</mark>";
      last = m.index + m[0].length;
      if (!m[0].length) re.lastIndex++;
    }
    return out + escapeHtml(text.slice(last));
  };
}

/* About 200 characters of a section's text around its first match. */
function snippet(s, terms) {
  var at = -1;
  terms.forEach(function (t) {
    (t.alts || [t.text]).forEach(function (w) { if (at < 0) at = s.lx.indexOf(w); });
  });
  var start = Math.max(0, at - 60);
  var text = s.text.slice(start, start + 200);
  return (start > 0 ? "…" : "") + text + (start + 200 < s.text.length ? "…" : "");
}

function search(query) {
  var q = parseQuery(query);
  if (!q.terms.length) return { items: [], total: 0 };
  var hits = [];
  var best = 0;
  SECTIONS.forEach(function (s) {
    var title = 0, text = 0, matched = Object.create(null), n = 0;
    q.terms.forEach(function (t) {
      var ts = termScore(s, t);
      if (ts[0] || ts[1]) { matched[t.text] = true; n++; title += ts[0]; text += ts[1]; }
    });
    if (!n) return;
    var ps = phraseScore(s, q);
    title += ps[0];
    text += ps[1];
    var weight = s.top ? 1.25 : 1;
    if (n > best) best = n;
    hits.push({ s: s, title: title * weight, score: (title + text) * weight, n: n, matched: matched });
  });
  // Sections holding every word first; when none does, those holding the most.
  hits = hits.filter(function (h) { return h.n === best; });
  var groups = Object.create(null), order = [];
  hits.forEach(function (h) {
    var g = groups[h.s.page];
    if (!g) { g = groups[h.s.page] = { page: h.s.page, hits: [], score: 0, title: 0 }; order.push(g); }
    g.hits.push(h);
    if (h.score > g.score) g.score = h.score;
    if (h.title > g.title) g.title = h.title;
  });
  // Pages whose headings match best first. Among pages whose headings match
  // equally well the shorter path wins (the current release's page over an
  // older release's copy, an operation over a page about it); the text decides
  // only where no heading matches.
  order.sort(function (a, b) {
    if (b.title !== a.title) return b.title - a.title;
    if (a.title > 0 && a.page.length !== b.page.length) return a.page.length - b.page.length;
    return b.score - a.score || a.page.length - b.page.length || (a.page < b.page ? -1 : 1);
  });
  var mark = highlighter(q.terms);
  var pageSections = Object.create(null);
  SECTIONS.forEach(function (s) { if (s.top) pageSections[s.page] = s; });
  var items = order.map(function (g) {
    g.hits.sort(function (a, b) { return b.score - a.score; });
    // Material's list shows each page's own entry as the group's heading.
    if (!g.hits.some(function (h) { return h.s.top; }) && pageSections[g.page]) {
      g.hits.push({ s: pageSections[g.page], score: 0, matched: {} });
    }
    return g.hits.map(function (h) {
      var terms = {};
      q.terms.forEach(function (t) { terms[t.text] = !!h.matched[t.text] || h.score === 0; });
      return {
        location: h.s.loc,
        title: mark(h.s.title),
        text: h.s.text ? "<p>" + mark(snippet(h.s, q.terms)) + "</p>" : "",
        score: h.score,
        terms: terms
      };
    });
  });
  return { items: items, total: items.length };
}

self.addEventListener("message", function (event) {
  var message = event.data;
  if (message.type === 0) {
    setup(message.data);
    self.postMessage({ type: 1 });
  } else if (message.type === 2) {
    var result;
    try { result = search(message.data); } catch (e) { result = { items: [], total: 0 }; }
    self.postMessage({ type: 3, data: result });
  }
});
