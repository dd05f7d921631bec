// This folder is the `GenPeerTemplates` target. Its templates (`<target>/<name>.mustache`) are
// compiled into it by the EmbedTemplates build-tool plugin (Plugins/), which generates
// `BundledTemplates.files`; GenPeerKit's TemplateStore reads them from there, and
// `--templates DIR` replaces them file by file.

/// The templates genpeer is built with: the repository's `templates/` folder.
public enum BundledTemplates {}
