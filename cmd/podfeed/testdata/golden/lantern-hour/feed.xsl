<?xml version="1.0" encoding="UTF-8"?>
<!-- Made by podfeed: shows this feed as a page when it is opened in a
     browser. Podcast apps do not read it. -->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:atom="http://www.w3.org/2005/Atom"
  xmlns:podcast="https://podcastindex.org/namespace/1.0"
  xmlns:psc="http://podlove.org/simple-chapters"
  exclude-result-prefixes="itunes content atom podcast psc">
<xsl:output method="html" encoding="UTF-8" indent="no" doctype-system="about:legacy-compat"/>

<xsl:variable name="feedurl">https://lanternhour.example.org/feed.xml</xsl:variable>

<xsl:template match="/">
<html lang="{rss/channel/language}">
<head>
<meta charset="utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<title><xsl:value-of select="rss/channel/title"/></title>
<style>:root{--bg:#faf8f5;--fg:#1d1b19;--muted:#6b645c;--card:#fff;--line:#e4ded6;--accent:#b3441e;--accent-fg:#fff;--error:#b3261e;--error-bg:#fbe9e7;--warning:#8a5a00;--warning-bg:#fff4d6;--info:#1f5f8b;--info-bg:#e6f1f8;--mark:#fff1a8;--code-bg:#f3efe9}
@media (prefers-color-scheme:dark){:root{--bg:#171513;--fg:#ece7e1;--muted:#a39b91;--card:#211e1b;--line:#38332e;--accent:#ff8a5c;--accent-fg:#171513;--error:#ff8a80;--error-bg:#3a1d1b;--warning:#ffd280;--warning-bg:#35290f;--info:#8cc8f2;--info-bg:#13283a;--mark:#5a4b12;--code-bg:#2a2622}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.55 system-ui,-apple-system,&quot;Segoe UI&quot;,Roboto,&quot;Helvetica Neue&quot;,Arial,sans-serif}
a{color:var(--accent)}
main,.wrap{max-width:52rem;margin:0 auto;padding:1rem}
h1{font-size:1.9rem;line-height:1.2;margin:.2rem 0 .3rem}
h2{font-size:1.3rem;line-height:1.25;margin:0 0 .3rem}
h3{font-size:1rem;margin:1rem 0 .3rem}
code,pre,.mono{font-family:ui-monospace,&quot;SFMono-Regular&quot;,Menlo,Consolas,&quot;DejaVu Sans Mono&quot;,monospace;font-size:.875em}
.muted{color:var(--muted)}
.banner{background:var(--card);border-bottom:1px solid var(--line);padding:.5rem 1rem;font-size:.9rem;color:var(--muted)}
.banner strong{color:var(--fg)}
.show{display:flex;gap:1.25rem;align-items:flex-start;margin:1rem 0 1.5rem}
.show img.art{width:180px;height:180px;object-fit:cover;border-radius:12px;flex:none;background:var(--line)}
.show .author{color:var(--muted);font-size:1.05rem;margin:0 0 .6rem}
.desc{margin:.5rem 0}
.subscribe{display:flex;flex-wrap:wrap;gap:.5rem;margin:.8rem 0 0;padding:0;list-style:none}
.subscribe a,.button{display:inline-block;padding:.35rem .8rem;border-radius:999px;background:var(--accent);color:var(--accent-fg);text-decoration:none;font-weight:600;font-size:.9rem}
.subscribe a.alt{background:transparent;color:var(--accent);border:1px solid var(--accent)}
.feedurl{display:flex;gap:.5rem;align-items:center;margin:.6rem 0 0;font-size:.85rem}
.feedurl input{flex:1;min-width:0;font:inherit;padding:.3rem .5rem;border:1px solid var(--line);border-radius:6px;background:var(--card);color:var(--fg)}
.episodes{list-style:none;margin:0;padding:0}
.episode{background:var(--card);border:1px solid var(--line);border-radius:12px;padding:1rem;margin:0 0 1rem}
.episode .head{display:flex;gap:1rem;align-items:flex-start}
.episode .head img{width:72px;height:72px;border-radius:8px;object-fit:cover;flex:none}
.meta{color:var(--muted);font-size:.9rem;margin:0 0 .5rem}
.meta span+span:before{content:&quot; · &quot;}
.meta span.badge{margin-left:.4rem}
.meta span.badge:before{content:none}
.badge{display:inline-block;font-size:.75rem;font-weight:700;text-transform:uppercase;letter-spacing:.03em;padding:.05rem .45rem;border-radius:4px;background:var(--code-bg);color:var(--muted);vertical-align:middle}
.badge.error{background:var(--error-bg);color:var(--error)}
.badge.warning{background:var(--warning-bg);color:var(--warning)}
.badge.info{background:var(--info-bg);color:var(--info)}
audio{width:100%;margin:.4rem 0}
.notes{overflow-wrap:anywhere}
.notes .gap{display:block;height:.6em}
.chapters{list-style:none;margin:.2rem 0 0;padding:0;font-size:.95rem}
.chapters li{display:flex;gap:.75rem;padding:.15rem 0;border-top:1px dashed var(--line)}
.chapters .t{font-variant-numeric:tabular-nums;color:var(--muted);min-width:4.2rem;text-align:right}
details&gt;summary{cursor:pointer;color:var(--accent);font-weight:600}
.findings{list-style:none;margin:.6rem 0 0;padding:0}
.finding{border-left:4px solid var(--line);padding:.35rem .6rem;margin:.35rem 0;background:var(--bg);border-radius:0 6px 6px 0;overflow-wrap:anywhere}
.finding.error{border-color:var(--error)}
.finding.warning{border-color:var(--warning)}
.finding.info{border-color:var(--info)}
.finding .where{font-size:.85rem;color:var(--muted)}
.finding .hint{font-size:.9rem;margin:.2rem 0 0}
table.summary{border-collapse:collapse;width:100%;font-size:.92rem;margin:.4rem 0 1rem}
table.summary th,table.summary td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
table.summary td.n{text-align:right;font-variant-numeric:tabular-nums}
.counts{display:flex;flex-wrap:wrap;gap:.5rem;margin:.4rem 0 1rem}
.counts .badge{font-size:.85rem;padding:.2rem .6rem}
.source{margin:.4rem 0 0;background:var(--code-bg);border-radius:6px;overflow-x:auto;font-size:.8rem;line-height:1.45}
.source table{border-collapse:collapse;width:100%}
.source td{padding:0 .5rem;white-space:pre;vertical-align:top}
.source td.ln{text-align:right;color:var(--muted);user-select:none;width:1%;border-right:1px solid var(--line)}
.source tr.hit td{background:var(--mark)}
.source .col{outline:2px solid var(--error);border-radius:2px}
.held{opacity:.8;border-style:dashed}
footer{color:var(--muted);font-size:.8rem;text-align:center;padding:1rem 0 2rem}
@media (max-width:600px){body{font-size:15px}.show{flex-direction:column;align-items:center;text-align:center}.show img.art{width:60vw;height:60vw;max-width:240px;max-height:240px}.subscribe{justify-content:center}.episode .head img{width:56px;height:56px}h1{font-size:1.55rem}}
</style>
</head>
<body>
<div class="banner"><strong>This is a podcast feed.</strong> Subscribe by copying its address into your podcast app; this page is how the feed looks in a browser.</div>
<main>
<xsl:apply-templates select="rss/channel"/>
</main>
<footer>Styled by podfeed’s feed.xsl: apps read the feed, not this page.</footer>
</body>
</html>
</xsl:template>

<xsl:template match="channel">
<header class="show">
  <xsl:variable name="art" select="itunes:image/@href | image/url[not(../../itunes:image)]"/>
  <xsl:if test="$art"><img class="art" src="{$art}" alt="Artwork of {title}"/></xsl:if>
  <div>
    <h1 id="show-title"><xsl:value-of select="title"/></h1>
    <xsl:if test="itunes:author"><p class="author"><xsl:value-of select="itunes:author"/></p></xsl:if>
    <div class="desc notes"><xsl:call-template name="html"><xsl:with-param name="s" select="description"/></xsl:call-template></div>
    <ul class="subscribe">
      <li><a href="https://podcasts.apple.com/search?term=The+Lantern+Hour" class="alt">Find on Apple Podcasts</a></li>
      <li><a href="https://open.spotify.com/search/The%20Lantern%20Hour" class="alt">Find on Spotify</a></li>
      <xsl:for-each select="podcast:funding"><li><a class="alt" href="{@url}"><xsl:value-of select="."/><xsl:if test="not(normalize-space(.))">Support the show</xsl:if></a></li></xsl:for-each>
    </ul>
    <xsl:if test="$feedurl != ''">
    <p class="feedurl"><label for="feed-url">Any app:</label> <input id="feed-url" readonly="readonly" value="{$feedurl}"/></p>
    </xsl:if>
  </div>
</header>
<h2><xsl:value-of select="count(item)"/> episode<xsl:if test="count(item) != 1">s</xsl:if></h2>
<ol class="episodes">
<xsl:apply-templates select="item"/>
</ol>
</xsl:template>

<xsl:template match="item">
<li class="episode" id="episode-{position()}">
  <div class="head">
    <xsl:if test="itunes:image/@href"><img src="{itunes:image/@href}" alt=""/></xsl:if>
    <div>
      <h2 class="episode-title">
        <xsl:choose>
          <xsl:when test="link"><a href="{link}"><xsl:value-of select="title"/></a></xsl:when>
          <xsl:otherwise><xsl:value-of select="title"/></xsl:otherwise>
        </xsl:choose>
      </h2>
      <p class="meta">
        <xsl:if test="pubDate"><span class="date"><xsl:call-template name="date"><xsl:with-param name="d" select="normalize-space(pubDate)"/></xsl:call-template></span></xsl:if>
        <xsl:if test="itunes:duration"><span class="duration"><xsl:call-template name="duration"><xsl:with-param name="d" select="normalize-space(itunes:duration)"/></xsl:call-template></span></xsl:if>
        <xsl:if test="itunes:season"><span>Season <xsl:value-of select="itunes:season"/></span></xsl:if>
        <xsl:if test="itunes:episode"><span>Episode <xsl:value-of select="itunes:episode"/></span></xsl:if>
        <xsl:if test="itunes:episodeType and itunes:episodeType != 'full'"><span class="badge"><xsl:value-of select="itunes:episodeType"/></span></xsl:if>
        <xsl:if test="itunes:explicit = 'true' or itunes:explicit = 'yes'"><span class="badge">explicit</span></xsl:if>
      </p>
    </div>
  </div>
  <xsl:if test="enclosure/@url">
    <audio controls="controls" preload="none" src="{enclosure/@url}"><a href="{enclosure/@url}">Download the audio</a></audio>
  </xsl:if>
  <div class="notes">
    <xsl:choose>
      <xsl:when test="normalize-space(content:encoded)"><xsl:call-template name="html"><xsl:with-param name="s" select="content:encoded"/></xsl:call-template></xsl:when>
      <xsl:otherwise><xsl:call-template name="html"><xsl:with-param name="s" select="description"/></xsl:call-template></xsl:otherwise>
    </xsl:choose>
  </div>
  <xsl:if test="psc:chapters/psc:chapter">
    <h3>Chapters</h3>
    <ol class="chapters">
      <xsl:for-each select="psc:chapters/psc:chapter">
        <li><span class="t"><xsl:call-template name="start"><xsl:with-param name="s" select="normalize-space(@start)"/></xsl:call-template></span>
        <span class="c"><xsl:choose>
          <xsl:when test="starts-with(@href, 'https://') or starts-with(@href, 'http://')"><a href="{@href}"><xsl:value-of select="@title"/></a></xsl:when>
          <xsl:otherwise><xsl:value-of select="@title"/></xsl:otherwise>
        </xsl:choose></span></li>
      </xsl:for-each>
    </ol>
  </xsl:if>
  <xsl:if test="podcast:transcript[starts-with(@url, 'https://') or starts-with(@url, 'http://')]">
    <p class="meta">Transcript:
      <xsl:for-each select="podcast:transcript[starts-with(@url, 'https://') or starts-with(@url, 'http://')]">
        <xsl:if test="position() != 1">, </xsl:if><a href="{@url}"><xsl:choose>
          <xsl:when test="@type = 'text/vtt'">WebVTT</xsl:when>
          <xsl:when test="@type = 'application/x-subrip' or @type = 'application/srt'">SRT</xsl:when>
          <xsl:when test="@type = 'text/html'">HTML</xsl:when>
          <xsl:when test="@type = 'application/json'">JSON</xsl:when>
          <xsl:when test="@type = 'text/plain'">text</xsl:when>
          <xsl:otherwise><xsl:value-of select="@type"/></xsl:otherwise>
        </xsl:choose><xsl:if test="@language"> (<xsl:value-of select="@language"/>)</xsl:if></a>
      </xsl:for-each>
    </p>
  </xsl:if>
</li>
</xsl:template>

<!-- "Mon, 27 Jan 2025 07:00:00 +0000" shows as "27 Jan 2025". -->
<xsl:template name="date">
  <xsl:param name="d"/>
  <xsl:variable name="rest">
    <xsl:choose>
      <xsl:when test="contains($d, ',')"><xsl:value-of select="normalize-space(substring-after($d, ','))"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$d"/></xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="day" select="substring-before($rest, ' ')"/>
  <xsl:variable name="r2" select="substring-after($rest, ' ')"/>
  <xsl:variable name="month" select="substring-before($r2, ' ')"/>
  <xsl:variable name="r3" select="substring-after($r2, ' ')"/>
  <xsl:variable name="year" select="substring-before(concat($r3, ' '), ' ')"/>
  <xsl:choose>
    <xsl:when test="$day and $month and $year"><xsl:value-of select="concat(number($day), ' ', $month, ' ', $year)"/></xsl:when>
    <xsl:otherwise><xsl:value-of select="$d"/></xsl:otherwise>
  </xsl:choose>
</xsl:template>

<!-- Seconds ("3852") show as 1:04:12; H:MM:SS and MM:SS as written. -->
<xsl:template name="duration">
  <xsl:param name="d"/>
  <xsl:choose>
    <xsl:when test="string(number($d)) != 'NaN' and not(contains($d, ':'))">
      <xsl:variable name="s" select="floor(number($d))"/>
      <xsl:choose>
        <xsl:when test="$s &gt;= 3600"><xsl:value-of select="concat(floor($s div 3600), ':', format-number(floor($s mod 3600 div 60), '00'), ':', format-number($s mod 60, '00'))"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="concat(floor($s div 60), ':', format-number($s mod 60, '00'))"/></xsl:otherwise>
      </xsl:choose>
    </xsl:when>
    <xsl:otherwise><xsl:value-of select="$d"/></xsl:otherwise>
  </xsl:choose>
</xsl:template>

<!-- A chapter start "00:03:20.000" shows as 3:20, "01:01:30.500" as 1:01:30. -->
<xsl:template name="start">
  <xsl:param name="s"/>
  <xsl:variable name="t" select="substring-before(concat($s, '.'), '.')"/>
  <xsl:choose>
    <xsl:when test="string-length($t) = 8 and starts-with($t, '00:')"><xsl:value-of select="concat(number(substring($t, 4, 2)), substring($t, 6))"/></xsl:when>
    <xsl:when test="string-length($t) = 8"><xsl:value-of select="concat(number(substring($t, 1, 2)), substring($t, 3))"/></xsl:when>
    <xsl:otherwise><xsl:value-of select="$t"/></xsl:otherwise>
  </xsl:choose>
</xsl:template>

<!-- Show notes are HTML kept as text in the feed. They are shown without
     disable-output-escaping (which not every browser has, and which would
     run whatever markup the notes hold): paragraphs, line breaks and list
     items keep their shape, http(s) and mailto links stay links, scripts
     and styles are dropped with their content, any other markup is
     dropped. Long notes are split in halves at a tag so that the
     recursion stays shallow. -->
<xsl:template name="html">
  <xsl:param name="s"/>
  <xsl:choose>
    <xsl:when test="string-length($s) &gt; 1000 and contains(substring($s, floor(string-length($s) div 2) + 1), '&lt;')">
      <xsl:variable name="half" select="floor(string-length($s) div 2)"/>
      <xsl:variable name="tail" select="substring($s, $half + 1)"/>
      <xsl:call-template name="html"><xsl:with-param name="s" select="concat(substring($s, 1, $half), substring-before($tail, '&lt;'))"/></xsl:call-template>
      <xsl:call-template name="html"><xsl:with-param name="s" select="concat('&lt;', substring-after($tail, '&lt;'))"/></xsl:call-template>
    </xsl:when>
    <xsl:when test="contains($s, '&lt;') and contains(substring-after($s, '&lt;'), '&gt;')">
      <xsl:call-template name="text"><xsl:with-param name="s" select="substring-before($s, '&lt;')"/></xsl:call-template>
      <xsl:variable name="rest" select="substring-after($s, '&lt;')"/>
      <xsl:variable name="tag" select="substring-before($rest, '&gt;')"/>
      <xsl:variable name="after" select="substring-after($rest, '&gt;')"/>
      <xsl:variable name="bare" select="translate($tag, '/&#9;&#10;&#13;', '    ')"/>
      <xsl:variable name="name" select="translate(substring-before(concat(normalize-space($bare), ' '), ' '), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"/>
      <xsl:variable name="closing" select="starts-with(normalize-space($tag), '/')"/>
      <xsl:variable name="href">
        <xsl:if test="$name = 'a' and not($closing)">
          <xsl:choose>
            <xsl:when test="contains($tag, 'href=&quot;')"><xsl:value-of select="substring-before(substring-after($tag, 'href=&quot;'), '&quot;')"/></xsl:when>
            <xsl:when test='contains($tag, "href=&apos;")'><xsl:value-of select='substring-before(substring-after($tag, "href=&apos;"), "&apos;")'/></xsl:when>
          </xsl:choose>
        </xsl:if>
      </xsl:variable>
      <xsl:choose>
        <xsl:when test="$href != '' and contains($after, '&lt;/a&gt;') and (starts-with($href, 'https://') or starts-with($href, 'http://') or starts-with($href, 'mailto:'))">
          <a>
            <xsl:attribute name="href"><xsl:call-template name="text"><xsl:with-param name="s" select="$href"/></xsl:call-template></xsl:attribute>
            <xsl:call-template name="html"><xsl:with-param name="s" select="substring-before($after, '&lt;/a&gt;')"/></xsl:call-template>
          </a>
          <xsl:call-template name="html"><xsl:with-param name="s" select="substring-after($after, '&lt;/a&gt;')"/></xsl:call-template>
        </xsl:when>
        <xsl:when test="($name = 'script' or $name = 'style') and not($closing)">
          <xsl:variable name="end" select="concat('&lt;/', $name)"/>
          <xsl:if test="contains($after, $end)">
            <xsl:call-template name="html"><xsl:with-param name="s" select="substring-after(substring-after($after, $end), '&gt;')"/></xsl:call-template>
          </xsl:if>
        </xsl:when>
        <xsl:otherwise>
          <xsl:choose>
            <xsl:when test="$name = 'br'"><br/></xsl:when>
            <xsl:when test="$name = 'li' and not($closing)">• </xsl:when>
            <xsl:when test="$name = 'li' or $name = 'tr' or $name = 'dd' or $name = 'dt'"><br/></xsl:when>
            <xsl:when test="$closing and ($name = 'p' or $name = 'ul' or $name = 'ol' or $name = 'blockquote' or $name = 'div' or $name = 'pre' or $name = 'table' or $name = 'h1' or $name = 'h2' or $name = 'h3' or $name = 'h4' or $name = 'h5' or $name = 'h6')"><span class="gap"/></xsl:when>
          </xsl:choose>
          <xsl:call-template name="html"><xsl:with-param name="s" select="$after"/></xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:when>
    <xsl:otherwise><xsl:call-template name="text"><xsl:with-param name="s" select="$s"/></xsl:call-template></xsl:otherwise>
  </xsl:choose>
</xsl:template>

<!-- Text of the notes' HTML: the character references HTML writers use
     most are decoded, any other is shown as written. -->
<xsl:template name="text">
  <xsl:param name="s"/>
  <xsl:choose>
    <xsl:when test="contains($s, '&amp;') and contains(substring-after($s, '&amp;'), ';')">
      <xsl:value-of select="substring-before($s, '&amp;')"/>
      <xsl:variable name="rest" select="substring-after($s, '&amp;')"/>
      <xsl:variable name="ent" select="substring-before($rest, ';')"/>
      <xsl:choose>
        <xsl:when test="$ent = 'amp' or $ent = '#38'">&amp;</xsl:when>
        <xsl:when test="$ent = 'lt' or $ent = '#60'">&lt;</xsl:when>
        <xsl:when test="$ent = 'gt' or $ent = '#62'">&gt;</xsl:when>
        <xsl:when test="$ent = 'quot' or $ent = '#34'">"</xsl:when>
        <xsl:when test="$ent = 'apos' or $ent = '#39' or $ent = '#x27'">'</xsl:when>
        <xsl:when test="$ent = 'nbsp' or $ent = '#160'">&#160;</xsl:when>
        <xsl:when test="$ent = 'rsquo' or $ent = '#8217'">&#8217;</xsl:when>
        <xsl:when test="$ent = 'lsquo' or $ent = '#8216'">&#8216;</xsl:when>
        <xsl:when test="$ent = 'rdquo' or $ent = '#8221'">&#8221;</xsl:when>
        <xsl:when test="$ent = 'ldquo' or $ent = '#8220'">&#8220;</xsl:when>
        <xsl:when test="$ent = 'ndash' or $ent = '#8211'">&#8211;</xsl:when>
        <xsl:when test="$ent = 'mdash' or $ent = '#8212'">&#8212;</xsl:when>
        <xsl:when test="$ent = 'hellip' or $ent = '#8230'">&#8230;</xsl:when>
        <xsl:otherwise><xsl:value-of select="concat('&amp;', $ent, ';')"/></xsl:otherwise>
      </xsl:choose>
      <xsl:call-template name="text"><xsl:with-param name="s" select="substring-after($rest, ';')"/></xsl:call-template>
    </xsl:when>
    <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
  </xsl:choose>
</xsl:template>

</xsl:stylesheet>
