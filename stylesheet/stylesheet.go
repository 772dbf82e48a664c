package stylesheet

import (
	"bytes"
	_ "embed"
	"strings"
	"text/template"

	"github.com/podfeed/podfeed/internal/pagestyle"
)

// Name is the stylesheet's file name beside the feed, and the href the
// feed's xml-stylesheet instruction gives.
const Name = "feed.xsl"

//go:embed feed.xsl.tmpl
var source string

// xmlText escapes s for XML text and attribute values.
var xmlText = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace

var tmpl = template.Must(template.New(Name).Funcs(template.FuncMap{"x": xmlText}).Parse(source))

// XSL returns the stylesheet for a show. The same Options always give the
// same bytes.
func XSL(o Options) []byte {
	var b bytes.Buffer
	data := struct {
		FeedURL string
		CSS     string
		Links   []Link
	}{o.FeedURL, pagestyle.CSS, Links(o)}
	if err := tmpl.Execute(&b, data); err != nil {
		// The template is fixed and its data plain strings: an error
		// here is a bug in this package.
		panic("stylesheet: " + err.Error())
	}
	return b.Bytes()
}
