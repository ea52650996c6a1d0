#!/bin/sh
# Publish the book's notebooks (docs/_build/notebooks, written by every HTML
# build) as the `notebooks` branch, which Binder and Colab open. The branch is
# generated, so it is one commit, force-pushed: no history to merge.
#
#   sh docs/_tools/publish_notebooks.sh FOLDER REMOTE [BRANCH]
#
# The book workflow (.github/workflows/pages.yml) runs this after deploying
# the site, whose wheel the notebooks install. SOURCE_COMMIT names the commit
# of main that the notebooks were built from.
set -eu
folder=$1
remote=$2
branch=${3:-notebooks}
if [ ! -f "$folder/requirements.txt" ]; then
    echo "publish_notebooks: $folder has no requirements.txt: build the book first" >&2
    exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -R "$folder"/. "$work"
cd "$work"
git init -q -b "$branch"
git add -A
git -c user.name="neurons-to-networks build" -c user.email="build@invalid" \
    commit -q -m "Notebooks of the book, built from ${SOURCE_COMMIT:-a local build}"
git push -q --force "$remote" "$branch"
echo "Published $(git ls-files '*.ipynb' | wc -l) notebooks to $branch of $remote"
