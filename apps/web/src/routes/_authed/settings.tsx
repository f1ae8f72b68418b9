// Settings: every user's YouTube connection (?youtube= says how connecting went), API
// tokens and webhooks; the instance's text engine too for admins.
import { useSuspenseQuery } from '@tanstack/react-query'
import { createFileRoute } from '@tanstack/react-router'
import {
  apiTokensListOptions,
  authMeOptions,
  settingsGetOptions,
  webhooksListOptions,
  youtubeConnectionGetOptions,
} from '../../api/gen/@tanstack/react-query.gen'
import { SettingsPage } from '../../ui/settings/settings-page'
import { settingsSearch } from '../../ui/settings/youtube-outcome'

export const Route = createFileRoute('/_authed/settings')({
  validateSearch: settingsSearch,
  loader: async ({ context }) => {
    const { queryClient } = context
    const [me] = await Promise.all([
      queryClient.ensureQueryData(authMeOptions()),
      queryClient.ensureQueryData(youtubeConnectionGetOptions()),
      queryClient.ensureQueryData(apiTokensListOptions()),
      queryClient.ensureQueryData(webhooksListOptions()),
    ])
    if (me.is_admin) await queryClient.ensureQueryData(settingsGetOptions())
  },
  head: () => ({ meta: [{ title: 'Settings · Echo' }] }),
  component: Settings,
})

function Settings() {
  const { data: user } = useSuspenseQuery(authMeOptions())
  const { youtube } = Route.useSearch()
  const navigate = Route.useNavigate()
  return (
    <SettingsPage
      isAdmin={user.is_admin ?? false}
      youtubeOutcome={youtube}
      onYouTubeOutcomeSeen={() => void navigate({ search: {}, replace: true })}
    />
  )
}
