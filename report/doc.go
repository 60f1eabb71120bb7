// Package report is kpireport's pipeline, step by step; Build calls one
// package for each:
//
//  1. Read: report/workbook opens each .xlsx or .csv input and streams its
//     sheets into tables of cells that know their place (file, sheet, cell)
//     and their number format.
//  2. Model: scorecard.Load matches the sheets and columns it knows, reads
//     perspectives, objectives, KPIs, measurements (long or wide), targets,
//     initiatives and commentary, and collects every problem with its place.
//     Errors stop the build here; warnings are printed and the build goes on.
//  3. Compute: scorecard.Compute rolls months into fiscal quarters and years,
//     scores each KPI by the goal / red-flag formula, finds its trend, and
//     rolls the scores up to objectives, perspectives and the organisation;
//     scorecard.ReviewHealth reviews each KPI as a KPI (SMART checks and
//     evolution signals), and each business unit's results on its figures.
//  4. View: report/view builds the view-model of every page and pack section
//     from the computed scorecard, with its figures written by report/format
//     and its chart options by report/chart, including the packs' documents
//     (view.Pack) and the charts they draw (PackCharts). Build makes one
//     view.Builder and hands it to both renderers; the packs render from a
//     clone of it that prints commentary links as text.
//  5. Render: report/export writes the data files while report/site writes
//     the pages beside them, the index last, as it shows the files' sizes;
//     then report/pack writes the review packs (their charts drawn to SVG in
//     Go by report/chart, ECharts in goja only for a chart it does not know;
//     with --pdf printed through headless
//     Chromium). Each file goes, as it is made, into a staging folder beside
//     the output (output.NewStaging).
//  6. Write: output.Write adds the manifest and swaps the staging folder into
//     place, only when it is complete.
//
// The context reaches every step: once it is done (Ctrl-C), Build stops at
// the next file, page or chart, removes the staging folder and leaves the
// published site as it was. Check runs the first three steps and reports.
package report
