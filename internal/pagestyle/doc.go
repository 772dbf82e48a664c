// Package pagestyle holds the CSS shared by the pages podfeed makes for
// people: the styled feed (feed.xsl), the preview server and the HTML
// validation report. One look, inline in each page: no external file, no
// web font, nothing fetched at view time.
//
// It uses the standard library only.
package pagestyle

import _ "embed"

// CSS is the shared style sheet. It uses system fonts, follows the
// reader's light or dark preference and reflows to a phone's width.
//
//go:embed page.css
var CSS string
