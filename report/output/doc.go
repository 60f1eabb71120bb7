// Package output puts a built site on disk without ever showing half of it
// or losing a user's file.
//
// A build adds its files to a Files: in memory (new(Files)), or staged
// (NewStaging), written to a temporary folder beside the site's as they are
// made so that a site of any size needs little memory. Write then adds the
// manifest (.kpireport-manifest, the list of what kpireport wrote) and swaps
// the folder into place; a later build replaces only the files its manifest
// lists and refuses, without --force, a folder holding any other. Close
// removes the staging folder of a build that stopped.
//
// Zip writes zip archives that are the same bytes for the same entries: the
// review packs' zip and the XLSX export both go through it.
package output
