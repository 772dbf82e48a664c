// Package xmlspot indexes the elements of an XML document by their place in
// it, so that a line and column a validator reports (validate.Pos: 1-based,
// the column counted in characters) can be traced back to the element, the
// attribute and the RSS channel item it falls in.
//
// The build gate and podfeed serve use At to trace a finding about the
// feed they encoded back to the show's definitions (show.Result.PlaceOf);
// the html report uses Names, Items and Line to group findings by item,
// name the element and quote the source lines.
//
// It reads any document, well-formed or not, and never fails: what it
// cannot place is outside every item. It uses the standard library only
// and must not import any other podfeed package.
package xmlspot
