// One video: the player with subtitles and chapters, the transcript, the editors for what
// goes to YouTube, thumbnails, downloads, reprocess and delete.
import { createFileRoute, notFound } from '@tanstack/react-router'
import { errorCode } from '../../api/errors'
import { VideoNotFound, VideoPageSkeleton } from '../../ui/video/page-states'
import { videoQuery } from '../../ui/video/queries'
import { videoSearch } from '../../ui/video/start-at'
import { VideoPage } from '../../ui/video/video-page'

export const Route = createFileRoute('/_authed/videos/$videoId')({
  validateSearch: videoSearch,
  loader: async ({ context, params }) => {
    try {
      return await context.queryClient.ensureQueryData(videoQuery(params.videoId))
    } catch (error) {
      // Unknown ids and other people's videos both answer 404 (so ids don't leak).
      if (errorCode(error) === 'not_found') throw notFound()
      throw error
    }
  },
  head: ({ loaderData }) => ({
    meta: [
      {
        title: loaderData
          ? `${loaderData.metadata?.title || loaderData.original_filename} · Echo`
          : 'Video · Echo',
      },
    ],
  }),
  pendingComponent: VideoPageSkeleton,
  // The skeleton shows after 300 ms (the default is 1 s) and then stays at least 500 ms.
  pendingMs: 300,
  notFoundComponent: VideoNotFound,
  component: VideoRoute,
})

function VideoRoute() {
  const { videoId } = Route.useParams()
  const { t } = Route.useSearch()
  return <VideoPage videoId={videoId} startAt={t} />
}
