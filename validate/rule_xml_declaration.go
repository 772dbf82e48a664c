package validate

// ruleXmlDeclaration checks the presence and version of <?xml …?>.
func ruleXmlDeclaration() *Rule {
	return &Rule{
		Code:     "xml-declaration",
		Title:    "Feed should start with an XML declaration",
		Severity: Warning,
		Profiles: []Profile{ProfileApple, ProfileRSS},
		Source:   "APR, FV (BadXmlVersion)",
		Since:    "v0.1.0",
		Doc:      "Apple's feed requirements show every feed starting with `<?xml version=\"1.0\" encoding=\"UTF-8\"?>`. Without it, parsers must guess the encoding; a version other than 1.0 is not understood by most parsers. A declaration without an encoding defaults to UTF-8, which is fine but worth making explicit.",
		Hint:     "Start the file with `<?xml version=\"1.0\" encoding=\"UTF-8\"?>`.",
		Bad:      "<rss version=\"2.0\">",
		Good:     "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\">",
		Refs:     []string{"https://podcasters.apple.com/support/823-podcast-requirements", "https://www.w3.org/TR/xml/#sec-prolog-dtd"},
		Finish:   checkDeclaration,
	}
}

func checkDeclaration(p *Pass) {
	d := p.Doc
	switch {
	case !d.HasDeclaration:
		p.Reportf(Pos{Line: 1, Col: 1}, "the feed has no XML declaration; start it with <?xml version=\"1.0\" encoding=\"UTF-8\"?>")
	case d.XMLVersion != "1.0":
		p.Reportf(d.DeclPos, "XML version %q: podcast apps only read XML 1.0", d.XMLVersion)
	case d.DeclaredEncoding == "" && !d.BOM:
		p.ReportSeverityf(Info, d.DeclPos, "the XML declaration names no encoding (UTF-8 is assumed); add encoding=\"UTF-8\"")
	}
}
