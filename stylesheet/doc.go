// Package stylesheet writes feed.xsl, the XSLT 1.0 stylesheet that lets a
// browser show a feed as the show's page (artwork, title, author,
// description, subscribe links, and every episode with its date, duration,
// notes, chapters and an audio player). The feed links it with
// <?xml-stylesheet type="text/xsl" href="feed.xsl"?>; podcast apps and
// validators ignore that instruction, so the stylesheet changes nothing
// they read.
//
// The stylesheet reads everything from the feed at view time except the
// subscribe links, which are written into it. The same Options always give
// the same bytes. It uses the standard library and internal/pagestyle only.
package stylesheet
