import { Button, Text, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import {
  BoxMultipleRegular,
  BuildingRegular,
  DarkThemeRegular,
  ServerMultipleRegular,
  TaskListLtrRegular,
  CalendarClockRegular,
} from "@fluentui/react-icons";
import { NavLink, Outlet, useParams } from "../router";
import { useEmulatorNote } from "../api/hooks";
import { useAuth } from "../auth/AuthContext";
import { EmulatorNote } from "../components/EmulatorNote";
import { InitialsAvatar } from "../components/InitialsAvatar";
import { useOnDemand } from "../components/onDemand";
import { ScreenReaderText } from "../components/ScreenReaderText";
import { toasterModule } from "../components/toaster";
import { AccountSwitcher } from "../accounts/AccountSwitcher";
import { ReconnectingBanner } from "./ReconnectingBanner";
import { ScrollRestorer } from "./ScrollRestorer";
import { paths } from "../router/paths";
import { HeaderMenuButton } from "./HeaderMenuButton";
import { THEME_LABELS, useTheme } from "../components/theme";

const useStyles = makeStyles({
  root: {
    display: "grid",
    gridTemplateRows: "auto 1fr",
    minHeight: "100vh",
    backgroundColor: tokens.colorNeutralBackground2,
  },
  skip: {
    position: "absolute",
    left: "-10000px",
    ":focus": { left: tokens.spacingHorizontalM, top: tokens.spacingVerticalM, zIndex: 10 },
  },
  top: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  brand: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorBrandForeground1,
  },
  spacer: { flexGrow: 1 },
  body: { display: "grid", gridTemplateColumns: "200px 1fr", minHeight: 0 },
  nav: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingVerticalM,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  navLink: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    color: tokens.colorNeutralForeground2,
    textDecorationLine: "none",
    ":hover": { backgroundColor: tokens.colorNeutralBackground1Hover, color: tokens.colorNeutralForeground1 },
    ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  active: {
    backgroundColor: tokens.colorBrandBackground2,
    color: tokens.colorBrandForeground2,
    fontWeight: tokens.fontWeightSemibold,
  },
  main: {
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXXL}`,
    minWidth: 0,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    // Router links look like Fluent links (buttons wrapped in links keep their own look).
    // Links styled as buttons (LinkButton: Fluent's Button as an <a>) keep the button's colours.
    "& a:not(.fui-Button)": { color: tokens.colorBrandForegroundLink, textDecorationLine: "none" },
    "& a:not(.fui-Button):hover": {
      color: tokens.colorBrandForegroundLinkHover,
      textDecorationLine: "underline",
    },
  },
});

function NavItem({ to, icon, label }: { to: string; icon: React.ReactNode; label: string }) {
  const styles = useStyles();
  return (
    <NavLink to={to} className={({ isActive }) => mergeClasses(styles.navLink, isActive && styles.active)}>
      <span aria-hidden>{icon}</span>
      {label}
    </NavLink>
  );
}

/** The frame of every signed-in page: top bar, navigation, "reconnecting", the emulator note, and the page. */
export function AppShell() {
  const styles = useStyles();
  const { account } = useParams();
  const { user } = useAuth();
  const theme = useTheme();
  const emulator = useEmulatorNote();
  const [toaster] = useOnDemand(toasterModule);

  return (
    <div className={styles.root}>
      <a href="#main" className={styles.skip}>
        Skip to content
      </a>
      <header className={styles.top}>
        <span className={styles.brand}>
          <BoxMultipleRegular fontSize={24} aria-hidden />
          <Text weight="semibold" size={400}>
            Batch Studio
          </Text>
        </span>
        <AccountSwitcher account={account} />
        <span className={styles.spacer} />
        <HeaderMenuButton
          menu="theme"
          trigger={
            <Button
              appearance="subtle"
              icon={<DarkThemeRegular />}
              aria-label={`Theme: ${THEME_LABELS[theme.choice]}`}
            />
          }
        />
        <HeaderMenuButton
          menu="user"
          trigger={
            // The initials picture the name the hidden text says; no aria-label, so the name is not
            // checked against initials it cannot contain (WCAG 2.5.3).
            <Button
              appearance="subtle"
              icon={
                <>
                  <InitialsAvatar name={user.name} />
                  <ScreenReaderText>Signed in as {user.name}</ScreenReaderText>
                </>
              }
            />
          }
        />
      </header>
      <div className={styles.body}>
        <nav className={styles.nav} aria-label="Main">
          {account ? (
            <>
              <NavItem to={paths.pools(account)} icon={<ServerMultipleRegular />} label="Pools" />
              <NavItem to={paths.jobs(account)} icon={<TaskListLtrRegular />} label="Jobs" />
              <NavItem to={paths.schedules(account)} icon={<CalendarClockRegular />} label="Schedules" />
              <NavItem to={paths.account(account)} icon={<BuildingRegular />} label="Account" />
            </>
          ) : (
            <NavItem to={paths.home()} icon={<BuildingRegular />} label="Accounts" />
          )}
        </nav>
        <main id="main" className={styles.main} tabIndex={-1}>
          <ReconnectingBanner />
          {emulator.data && <EmulatorNote message={emulator.data.message} />}
          <Outlet />
        </main>
      </div>
      {toaster && <toaster.default />}
      <ScrollRestorer />
    </div>
  );
}
