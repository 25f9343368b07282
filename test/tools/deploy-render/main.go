// deploy-render renders Skein's deployment files with the tools that read them in production, for the tests:
//
//	deploy-render compose <file> <profile,...>   the Compose project as docker compose loads it (the Compose
//	                                            specification's schema, interpolation, .env, profiles), as JSON
//	deploy-render kustomize <dir>                the manifests `kubectl apply -k <dir>` would apply, as YAML
//
// It exits 1 with the loader's message when a file is invalid.
package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/compose-spec/compose-go/v2/cli"
	"sigs.k8s.io/kustomize/api/krusty"
	"sigs.k8s.io/kustomize/kyaml/filesys"
)

func main() {
	if len(os.Args) < 3 {
		fail("usage: deploy-render compose <file> <profile,...> | kustomize <dir>")
	}
	switch os.Args[1] {
	case "compose":
		profiles := []string{}
		if len(os.Args) > 3 && os.Args[3] != "" {
			profiles = strings.Split(os.Args[3], ",")
		}
		renderCompose(os.Args[2], profiles)
	case "kustomize":
		renderKustomize(os.Args[2])
	default:
		fail("unknown action " + os.Args[1])
	}
}

func renderCompose(file string, profiles []string) {
	dir := filepath.Dir(file)
	options, err := cli.NewProjectOptions(
		[]string{file},
		cli.WithWorkingDirectory(dir),
		cli.WithName("skein"),
		cli.WithProfiles(profiles),
		cli.WithResolvedPaths(false),
	)
	if err != nil {
		fail(err.Error())
	}
	project, err := options.LoadProject(context.Background())
	if err != nil {
		fail(err.Error())
	}
	out, err := project.MarshalJSON()
	if err != nil {
		fail(err.Error())
	}
	os.Stdout.Write(out)
}

func renderKustomize(dir string) {
	resources, err := krusty.MakeKustomizer(krusty.MakeDefaultOptions()).Run(filesys.MakeFsOnDisk(), dir)
	if err != nil {
		fail(err.Error())
	}
	out, err := resources.AsYaml()
	if err != nil {
		fail(err.Error())
	}
	os.Stdout.Write(out)
}

func fail(message string) {
	fmt.Fprintln(os.Stderr, "deploy-render:", message)
	os.Exit(1)
}
