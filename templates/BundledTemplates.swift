// This folder is the `GenPeerTemplates` target: SwiftPM bundles each target's template folder
// below it as a resource (genpeer_GenPeerTemplates.resources) next to the genpeer executable.
// GenPeerKit's TemplateStore finds the bundle; `--templates DIR` replaces files of it.
