package validate

// xmlRules returns the rules of this family, in any order; Rules sorts them.
func xmlRules() []*Rule {
	return []*Rule{
		ruleXmlMojibake(),
		ruleXmlNotWellFormed(),
		ruleXmlUndefinedEntity(),
		ruleXmlInvalidChar(),
		ruleXmlEncodingInvalidBytes(),
		ruleXmlEncodingNotUtf8(),
		ruleXmlDeclaration(),
		ruleXmlLeadingJunk(),
		ruleXmlTrailingJunk(),
		ruleXmlDoctypeEntities(),
		ruleXmlUnboundPrefix(),
		ruleXmlItunesNsUri(),
		ruleXmlContentNsUri(),
		ruleXmlPodcastNsUri(),
		ruleXmlHtmlNotCdata(),
	}
}
