// Package report is kpireport's pipeline, step by step:
//
//  1. Read: report/workbook opens each .xlsx or .csv input and streams its
//     sheets into tables of cells that know their place (file, sheet, cell).
//  2. Model: scorecard.Load matches the sheets and columns it knows, reads
//     perspectives, objectives, KPIs, measurements (long or wide), targets,
//     initiatives and commentary, and collects every problem with its place.
//     Errors stop the build here; warnings are printed and the build goes on.
//  3. Compute: scorecard.Compute rolls months into fiscal quarters and years,
//     scores each KPI by the goal / red-flag formula, finds its trend, and
//     rolls the scores up to objectives, perspectives and the organisation;
//     scorecard.ReviewHealth reviews each KPI as a KPI (SMART checks and
//     evolution signals).
//  4. Render: report/site turns the computed scorecard into pages, with
//     chart options from report/chart and the data exports from
//     report/export; report/pack makes the review packs, their charts drawn
//     to SVG by ECharts running in goja, and with --pdf prints them through
//     headless Chromium. Pages and exports are written, as they are made,
//     into a temporary folder beside the output (site.NewStaging).
//  5. Write: site.Write adds the manifest and swaps the temporary folder
//     into place, only when it is complete.
//
// Build runs the five steps; Check runs the first three and reports.
package report
