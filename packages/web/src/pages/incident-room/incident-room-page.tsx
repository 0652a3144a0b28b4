import { Anchor, Badge, Stack, Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { canOperate, canReadInternal } from '../../auth/permissions';
import { useCurrentSession } from '../../auth/session-context';
import { useIncidentNotifications, useIncidentRoom, type IncidentRoom } from '../../hooks/use-incidents';
import { useActivePlan, useThreats } from '../../hooks/use-plan';
import { usePageTitle } from '../../lib/use-page-title';
import { serverNow } from '../../lib/incident-clock';
import { useNow } from '../../lib/use-now';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { OnCallNowLine } from '../../components/on-call-now-line';
import { NotFoundPage } from '../not-found-page';
import { ActionBoard } from './action-board';
import { CrisisCellPanel, sitrepDeadline } from './crisis-cell-panel';
import { DutiesPanel } from './duties-panel';
import { IncidentActions } from './incident-actions';
import { IncidentHeader } from './incident-header';
import { NotificationsPanel } from './notifications-panel';
import { SignalsPanel } from './signals-panel';
import { TimelinePanel } from './timeline-panel';

const INTERNAL_TABS = ['timeline', 'crisis', 'board', 'duties', 'notifications'] as const;
const CLIENT_TABS = ['timeline', 'crisis'] as const;
type RoomTab = (typeof INTERNAL_TABS)[number];

/** Where people live during a crisis: the incident, its clock, actions, timeline and crisis cell. */
export function IncidentRoomPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { user } = useCurrentSession();
  const internal = canReadInternal(user);
  const operate = canOperate(user);
  const room = useIncidentRoom(id);
  const notifications = useIncidentNotifications(id, internal);
  const plan = useActivePlan();
  const threats = useThreats();
  const [params, setParams] = useSearchParams();
  const tabs: readonly RoomTab[] = internal ? INTERNAL_TABS : CLIENT_TABS;
  const tab = tabs.find((candidate) => candidate === params.get('tab')) ?? 'timeline';
  usePageTitle(
    room.data
      ? `${t('incidents.number', { number: room.data.incident.number })} ${room.data.incident.title}`
      : t('incidents.title'),
  );

  if (room.isPending) return <PageLoader />;
  if (room.isError) {
    // Another client's incident is answered "not found", like one that does not exist.
    if (room.error instanceof ApiError && room.error.status === 404) return <NotFoundPage />;
    return <QueryError error={room.error} onRetry={() => void room.refetch()} />;
  }
  const { incident } = room.data;
  const receivedAt = room.dataUpdatedAt;
  const openItems = room.data.actionItems.filter((item) => item.status === 'todo' || item.status === 'doing');
  const badge = (count: number, colour = 'gray') =>
    count > 0 ? (
      <Badge size="xs" variant="light" color={colour} ml={4}>
        {count}
      </Badge>
    ) : null;

  return (
    <Stack gap="md">
      <Anchor component={Link} to="/incidents" size="sm">
        ← {t('room.back')}
      </Anchor>
      <IncidentHeader
        incident={incident}
        receivedAt={receivedAt}
        plan={plan.data?.plan}
        threatTitle={threats.data?.threats.find((threat) => threat.id === incident.threatId)?.title}
        // A closed incident needs nobody called; a client is not told who is on call.
        onCall={internal && incident.status !== 'closed' ? <OnCallNowLine enabled variant="room" /> : null}
        actions={operate ? <IncidentActions incident={incident} /> : null}
      />
      {internal && <SignalsPanel incident={incident} canSilence={operate} />}
      <Tabs
        value={tab}
        onChange={(value) => setParams(value ? { tab: value } : {}, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List>
          <Tabs.Tab value="timeline">{t('room.tabs.timeline')}</Tabs.Tab>
          <Tabs.Tab value="crisis">
            {internal ? t('room.tabs.crisis') : t('room.tabs.sitreps')}
            <SitrepOverdueBadge room={room.data} receivedAt={receivedAt} />
          </Tabs.Tab>
          {internal && (
            <>
              <Tabs.Tab value="board">
                {t('room.tabs.board')}
                {badge(openItems.length)}
              </Tabs.Tab>
              <Tabs.Tab value="duties">
                {t('room.tabs.duties')}
                {badge(room.data.duties.filter((d) => d.status === 'active' || d.status === 'proposed').length)}
              </Tabs.Tab>
              <Tabs.Tab value="notifications">
                {t('room.tabs.notifications')}
                {badge(notifications.data?.length ?? 0)}
              </Tabs.Tab>
            </>
          )}
        </Tabs.List>
        <Tabs.Panel value="timeline" pt="md">
          <TimelinePanel
            entries={room.data.timeline}
            notifications={notifications.data}
            stepTitles={new Map((plan.data?.plan.escalation ?? []).map((step) => [step.id, step.title]))}
          />
        </Tabs.Panel>
        <Tabs.Panel value="crisis" pt="md">
          <CrisisCellPanel room={room.data} receivedAt={receivedAt} canWrite={operate} />
        </Tabs.Panel>
        {internal && (
          <>
            <Tabs.Panel value="board" pt="md">
              <ActionBoard
                incident={incident}
                receivedAt={receivedAt}
                items={room.data.actionItems}
                canWrite={operate}
              />
            </Tabs.Panel>
            <Tabs.Panel value="duties" pt="md">
              <DutiesPanel incident={incident} receivedAt={receivedAt} duties={room.data.duties} canWrite={operate} />
            </Tabs.Panel>
            <Tabs.Panel value="notifications" pt="md">
              {notifications.isPending && <PageLoader />}
              {notifications.isError && (
                <QueryError error={notifications.error} onRetry={() => void notifications.refetch()} />
              )}
              {notifications.data && <NotificationsPanel notifications={notifications.data} />}
            </Tabs.Panel>
          </>
        )}
      </Tabs>
    </Stack>
  );
}

/** Flags the crisis tab while a SITREP is overdue, whichever tab is open. */
function SitrepOverdueBadge({ room, receivedAt }: { room: IncidentRoom; receivedAt: number }) {
  const { t } = useTranslation();
  const deadline = sitrepDeadline(room, serverNow(room.incident, receivedAt, useNow()));
  if (!deadline?.overdue) return null;
  return (
    <Badge size="xs" color="red" ml={4}>
      {t('room.crisis.overdueShort')}
    </Badge>
  );
}
